//! A JavaScript value (settings from `storage.sync` or the options page)
//! as the core's [`StoredValue`]: converted, not judged; the core decides
//! what is valid ([`crate::settings::Settings`]).

use js_sys::{Array, Object};
use wasm_bindgen::{JsCast, JsValue};

use crate::settings::StoredValue;

/// Deeper than any setting; a deeper (or cyclic) value is cut off as `null`
/// rather than followed.
const MAX_DEPTH: usize = 8;

/// The value as JSON would hold it: `undefined` properties are absent,
/// anything JSON cannot hold (a function, a symbol, a bigint) is `null`.
pub(super) fn read_stored(value: &JsValue) -> StoredValue {
    read(value, 0)
}

fn read(value: &JsValue, depth: usize) -> StoredValue {
    if depth > MAX_DEPTH {
        return StoredValue::Null;
    }
    if let Some(b) = value.as_bool() {
        StoredValue::Bool(b)
    } else if let Some(n) = value.as_f64() {
        StoredValue::Number(n)
    } else if let Some(s) = value.as_string() {
        StoredValue::String(s)
    } else if Array::is_array(value) {
        StoredValue::Array(Array::from(value).iter().map(|item| read(&item, depth + 1)).collect())
    } else if value.is_object() && !value.is_function() {
        let members = Object::entries(value.unchecked_ref())
            .iter()
            .filter_map(|entry| {
                let entry = Array::from(&entry);
                let (key, member) = (entry.get(0).as_string()?, entry.get(1));
                (!member.is_undefined()).then(|| (key, read(&member, depth + 1)))
            })
            .collect();
        StoredValue::Object(members)
    } else {
        StoredValue::Null
    }
}

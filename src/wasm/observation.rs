//! Reading a [`PageObservation`] from the JavaScript object a content script
//! sends, with the same rules `serde_wasm_bindgen::from_value` applies to the
//! type's `#[serde(default)]` derive: a missing field takes its default, a
//! `null`/`undefined` optional is `None`, lists may be arrays or any iterable,
//! and a value of the wrong type is refused with the field's path.
//!
//! Written out by hand because serde's type errors describe the offending
//! value (`invalid type: floating point 1.5, expected a string`): that one
//! message pulls core's float formatting, about 20 KB, into the Wasm. Keep
//! this reader in step with the fields of [`PageObservation`] and
//! [`ObservedTable`]; `tests/wasm_bridge.rs` round-trips every field.

use std::fmt;

use js_sys::Reflect;
use wasm_bindgen::{JsCast, JsValue};

use crate::console::mfa::ObservedSection;
use crate::console::table::{ObservedItem, ObservedTable};
use crate::console::PageObservation;
use crate::drift::PageNode;

/// Why an observation could not be read: which field, and what it should be.
#[derive(Debug)]
pub(super) struct ReadError {
    /// Where the value sits below the observation (`.tables[0].rows[2]`);
    /// built up as the error travels out of the nested readers.
    path: String,
    /// What the value should have been.
    expected: &'static str,
}

impl ReadError {
    fn new(expected: &'static str) -> ReadError {
        ReadError { path: String::new(), expected }
    }

    /// The same error, one level further out (`.tables`, `[3]`).
    fn within(mut self, outer: &str) -> ReadError {
        self.path.insert_str(0, outer);
        self
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "observation{} should be {}", self.path, self.expected)
    }
}

type Read<T> = Result<T, ReadError>;

/// The observation the content script sent.
pub(super) fn read_observation(value: &JsValue) -> Read<PageObservation> {
    let object = Object::new(value)?;
    let mut o = PageObservation::default();
    object.read("url", &mut o.url, string)?;
    object.read("sessionData", &mut o.session_data, optional_string)?;
    object.read("navigationText", &mut o.navigation_text, optional_string)?;
    object.read("navigationHasUserLine", &mut o.navigation_has_user_line, boolean)?;
    object.read("lang", &mut o.lang, string)?;
    object.read("consoleLocale", &mut o.console_locale, optional_string)?;
    object.read("browserLanguage", &mut o.browser_language, string)?;
    object.read("tables", &mut o.tables, |v| list(v, table))?;
    object.read("items", &mut o.items, |v| list(v, item))?;
    object.read("headings", &mut o.headings, |v| list(v, string))?;
    object.read("sections", &mut o.sections, |v| list(v, section))?;
    object.read("settled", &mut o.settled, boolean)?;
    object.read("nowMs", &mut o.now_ms, number)?;
    Ok(o)
}

/// The page's element tree the content script sent for a drift report,
/// read the same way (`{tag, attrs: [[name, value]], text, children}`).
pub(super) fn read_page_tree(value: &JsValue) -> Result<PageNode, String> {
    page_node(value).map_err(|e| format!("the page tree{} should be {}", e.path, e.expected))
}

fn page_node(value: &JsValue) -> Read<PageNode> {
    let object = Object::new(value)?;
    let mut node = PageNode::default();
    object.read("tag", &mut node.tag, string)?;
    object.read("attrs", &mut node.attrs, |v| list(v, attribute))?;
    object.read("text", &mut node.text, string)?;
    object.read("children", &mut node.children, |v| list(v, page_node))?;
    Ok(node)
}

fn attribute(value: &JsValue) -> Read<(String, String)> {
    match <[String; 2]>::try_from(list(value, string)?) {
        Ok([name, value]) => Ok((name, value)),
        Err(_) => Err(ReadError::new("a [name, value] pair")),
    }
}

fn table(value: &JsValue) -> Read<ObservedTable> {
    let object = Object::new(value)?;
    let mut table = ObservedTable::default();
    object.read("headers", &mut table.headers, |v| list(v, string))?;
    object.read("rows", &mut table.rows, |v| list(v, |row| list(row, string)))?;
    Ok(table)
}

fn section(value: &JsValue) -> Read<ObservedSection> {
    let object = Object::new(value)?;
    let mut section = ObservedSection::default();
    object.read("heading", &mut section.heading, string)?;
    let mut rows = 0.0;
    object.read("rows", &mut rows, number)?;
    // A count of rows: a whole number from 0 (anything else reads as none).
    section.rows = if rows.is_finite() && rows >= 0.0 { rows as usize } else { 0 };
    Ok(section)
}

fn item(value: &JsValue) -> Read<ObservedItem> {
    let object = Object::new(value)?;
    let mut item = ObservedItem::default();
    object.read("texts", &mut item.texts, |v| list(v, string))?;
    Ok(item)
}

/// A JavaScript object (arrays included, `null` not), read field by field.
struct Object<'a>(&'a JsValue);

impl<'a> Object<'a> {
    fn new(value: &'a JsValue) -> Read<Object<'a>> {
        if value.is_object() {
            Ok(Object(value))
        } else {
            Err(ReadError::new("an object"))
        }
    }

    /// Reads the property `name` into `slot`. A property the object does not
    /// have leaves the default in place; one that is present but
    /// `undefined` is read (and refused unless optional), as serde does.
    fn read<T>(&self, name: &str, slot: &mut T, read: impl Fn(&JsValue) -> Read<T>) -> Read<()> {
        let key = JsValue::from_str(name);
        let unreadable = |_| ReadError::new("a readable property");
        let result = Reflect::get(self.0, &key).map_err(unreadable).and_then(|value| {
            if value.is_undefined() && !Reflect::has(self.0, &key).map_err(unreadable)? {
                return Ok(());
            }
            *slot = read(&value)?;
            Ok(())
        });
        result.map_err(|e| e.within(&[".", name].concat()))
    }
}

fn string(value: &JsValue) -> Read<String> {
    value.as_string().ok_or_else(|| ReadError::new("a string"))
}

fn optional_string(value: &JsValue) -> Read<Option<String>> {
    if value.is_null() || value.is_undefined() {
        Ok(None)
    } else {
        string(value).map(Some)
    }
}

fn boolean(value: &JsValue) -> Read<bool> {
    value.as_bool().ok_or_else(|| ReadError::new("true or false"))
}

fn number(value: &JsValue) -> Read<f64> {
    value.as_f64().ok_or_else(|| ReadError::new("a number"))
}

/// An array or any other iterable, each element read by `element`.
fn list<T>(value: &JsValue, element: impl Fn(&JsValue) -> Read<T>) -> Read<Vec<T>> {
    let not_a_list = || ReadError::new("an array");
    let items: Vec<JsValue> = if let Some(array) = value.dyn_ref::<js_sys::Array>() {
        array.iter().collect()
    } else {
        match js_sys::try_iter(value) {
            Ok(Some(iter)) => iter.collect::<Result<_, _>>().map_err(|_| not_a_list())?,
            _ => return Err(not_a_list()),
        }
    };
    items
        .iter()
        .enumerate()
        .map(|(i, item)| element(item).map_err(|e| e.within(&format!("[{i}]"))))
        .collect()
}

//! A stored value as the core receives it: JSON's data model, nothing
//! trusted. The options page's candidate and what `storage.sync` hands back
//! both arrive as this, so [`super::Settings`] reads them by one set of
//! rules whether it runs in the browser or natively.
//!
//! Its own small type rather than `serde_json::Value`: serde_json in the Wasm
//! costs about 25 KB (see `src/console/session_json.rs`), and the bridge
//! builds this from a JavaScript value by hand (`src/wasm/stored.rs`).

/// One JSON value.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum StoredValue {
    /// `null`, and what JSON cannot hold (a function, a symbol): nothing
    /// usable.
    #[default]
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number (JavaScript's, so a double).
    Number(f64),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<StoredValue>),
    /// An object's own properties, in order; an absent (`undefined`)
    /// property is left out.
    Object(Vec<(String, StoredValue)>),
}

impl StoredValue {
    /// The property `key` of an object; `None` for a missing property or a
    /// value that is not an object.
    pub fn get(&self, key: &str) -> Option<&StoredValue> {
        match self {
            StoredValue::Object(members) => {
                members.iter().find(|(name, _)| name == key).map(|(_, value)| value)
            }
            _ => None,
        }
    }

    /// The number, or NaN for anything else: a limit that is not a number
    /// is refused by the range check with the limit's own message.
    pub(super) fn number_or_nan(&self) -> f64 {
        match self {
            StoredValue::Number(n) => *n,
            _ => f64::NAN,
        }
    }

    /// What the value is, for a message (never its content).
    pub(super) fn type_name(&self) -> &'static str {
        match self {
            StoredValue::Null => "null",
            StoredValue::Bool(_) => "a boolean",
            StoredValue::Number(_) => "a number",
            StoredValue::String(_) => "a string",
            StoredValue::Array(_) => "an array",
            StoredValue::Object(_) => "an object",
        }
    }
}

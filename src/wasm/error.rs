//! Errors as JavaScript receives them: an `Error` whose `name` is the core
//! error's stable name (`WrongPassphraseOrTampered`, `NoRecipients`, …) and
//! whose `message` is its text, so callers tell errors apart by name and
//! show the message.

use std::fmt;

use wasm_bindgen::JsValue;

use crate::console::SessionError;
use crate::csv::CsvError;
use crate::download::DataUrlError;
use crate::envelope::EnvelopeError;
use crate::export::ExportError;
use crate::hygiene::PageKeyError;
use crate::identity::IdentityError;
use crate::recipient::RecipientError;
use crate::settings::SettingsError;

/// The error every bridge function throws: converted into a JavaScript
/// `Error` with `name` and `message` as it crosses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BridgeError {
    name: &'static str,
    message: String,
}

impl BridgeError {
    /// An error the bridge itself raises (`name`: stable, PascalCase).
    pub(super) fn new(name: &'static str, message: impl Into<String>) -> BridgeError {
        BridgeError { name, message: message.into() }
    }

    /// The `Error.name` JavaScript sees.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The `Error.message` JavaScript sees.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for BridgeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.name, self.message)
    }
}

impl From<BridgeError> for JsValue {
    fn from(error: BridgeError) -> JsValue {
        let js = js_sys::Error::new(&error.message);
        js.set_name(error.name);
        js.into()
    }
}

/// Every core error that crosses the bridge keeps its name and message.
macro_rules! crosses_with_its_name {
    ($($error:ty),* $(,)?) => {
        $(
            impl From<$error> for BridgeError {
                fn from(error: $error) -> BridgeError {
                    BridgeError::new(error.name(), error.to_string())
                }
            }
        )*
    };
}

crosses_with_its_name!(
    CsvError,
    DataUrlError,
    EnvelopeError,
    ExportError,
    IdentityError,
    PageKeyError,
    RecipientError,
    SessionError,
    SettingsError,
);

/// The bridge's own names: what went wrong in the crossing itself.
pub(super) mod names {
    /// A value could not be handed to JavaScript: a fault in RootGuard.
    pub const INTERNAL: &str = "RootGuardInternal";
    /// The content script's page observation is not of the expected shape.
    #[cfg(feature = "page")]
    pub const UNREADABLE_OBSERVATION: &str = "UnreadableObservation";
    /// The page tree for a drift report is not of the expected shape.
    #[cfg(feature = "page")]
    pub const UNREADABLE_PAGE_TREE: &str = "UnreadablePageTree";
    /// A salt for `measureKdf` that is not 16 bytes.
    #[cfg(feature = "crypto")]
    pub const INVALID_SALT: &str = "InvalidSalt";
}

//! Recognising AWS console pages from what a content script can observe.
//!
//! Nothing here depends on the console's markup: host names, routes and the
//! session data the console publishes change far less often than its DOM.

pub mod host;
pub mod mfa;
pub mod observation;
pub mod route;
pub mod sender;
pub mod session;
mod session_json;
pub mod table;
pub mod users;

pub use host::{ConsoleHost, Partition};
pub use observation::{PageObservation, Recognition};
pub use route::ConsolePage;
pub use session::{Principal, Session, SessionError};

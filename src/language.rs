//! The console's twelve languages, and which of RootGuard's translations
//! (`extension/_locales/<locale>/`) a console page gets: the one the page
//! shows itself in (`<html lang>`, else the console's own setting, else the
//! browser's: `PageObservation::language_tag`), English for any other. RootGuard's own
//! pages follow the browser's language instead (the browser picks those).

use serde::Serialize;

/// A language the AWS console is offered in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(into = "&'static str")]
pub enum ConsoleLanguage {
    /// English.
    English,
    /// Deutsch.
    German,
    /// Español.
    Spanish,
    /// Français.
    French,
    /// Italiano.
    Italian,
    /// 日本語.
    Japanese,
    /// 한국어.
    Korean,
    /// Português (Brasil).
    Portuguese,
    /// 简体中文.
    ChineseSimplified,
    /// 繁體中文.
    ChineseTraditional,
    /// Bahasa Indonesia.
    Indonesian,
    /// Türkçe.
    Turkish,
}

impl ConsoleLanguage {
    /// Every language the console offers, English first.
    pub const ALL: [ConsoleLanguage; 12] = [
        ConsoleLanguage::English,
        ConsoleLanguage::German,
        ConsoleLanguage::Spanish,
        ConsoleLanguage::French,
        ConsoleLanguage::Italian,
        ConsoleLanguage::Japanese,
        ConsoleLanguage::Korean,
        ConsoleLanguage::Portuguese,
        ConsoleLanguage::ChineseSimplified,
        ConsoleLanguage::ChineseTraditional,
        ConsoleLanguage::Indonesian,
        ConsoleLanguage::Turkish,
    ];

    /// The language of a BCP 47 tag (`<html lang>`: "de", "de-DE",
    /// "zh-TW", "zh-Hant-HK", "pt-BR"; any case, `_` or `-`). Chinese is
    /// Traditional for Taiwan, Hong Kong, Macao and the Hant script, else
    /// Simplified; any Portuguese is the console's (Brazilian) Portuguese;
    /// "in" is Indonesian's old code. Anything else is English.
    pub fn from_tag(tag: &str) -> ConsoleLanguage {
        let tag = tag.trim().to_ascii_lowercase().replace('_', "-");
        let mut parts = tag.split('-');
        let primary = parts.next().unwrap_or_default();
        match primary {
            "de" => ConsoleLanguage::German,
            "es" => ConsoleLanguage::Spanish,
            "fr" => ConsoleLanguage::French,
            "it" => ConsoleLanguage::Italian,
            "ja" => ConsoleLanguage::Japanese,
            "ko" => ConsoleLanguage::Korean,
            "pt" => ConsoleLanguage::Portuguese,
            "id" | "in" => ConsoleLanguage::Indonesian,
            "tr" => ConsoleLanguage::Turkish,
            "zh" if parts.any(|p| matches!(p, "tw" | "hk" | "mo" | "hant")) => {
                ConsoleLanguage::ChineseTraditional
            }
            "zh" => ConsoleLanguage::ChineseSimplified,
            _ => ConsoleLanguage::English,
        }
    }

    /// The translation's directory under `_locales/`, as browsers name them.
    pub fn locale(self) -> &'static str {
        match self {
            ConsoleLanguage::English => "en",
            ConsoleLanguage::German => "de",
            ConsoleLanguage::Spanish => "es",
            ConsoleLanguage::French => "fr",
            ConsoleLanguage::Italian => "it",
            ConsoleLanguage::Japanese => "ja",
            ConsoleLanguage::Korean => "ko",
            ConsoleLanguage::Portuguese => "pt_BR",
            ConsoleLanguage::ChineseSimplified => "zh_CN",
            ConsoleLanguage::ChineseTraditional => "zh_TW",
            ConsoleLanguage::Indonesian => "id",
            ConsoleLanguage::Turkish => "tr",
        }
    }

    /// The language whose translation is in `_locales/<locale>/`, if it is one of the twelve.
    pub fn from_locale(locale: &str) -> Option<ConsoleLanguage> {
        ConsoleLanguage::ALL.into_iter().find(|l| l.locale() == locale)
    }
}

impl From<ConsoleLanguage> for &'static str {
    fn from(language: ConsoleLanguage) -> &'static str {
        language.locale()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_as_pages_write_them() {
        for (tag, locale) in [
            ("en", "en"),
            ("en-US", "en"),
            ("", "en"),
            ("xx-YY", "en"),
            ("de", "de"),
            ("DE-de", "de"),
            ("es-419", "es"),
            ("fr-CA", "fr"),
            ("it_IT", "it"),
            ("ja-JP", "ja"),
            ("ko", "ko"),
            ("pt-BR", "pt_BR"),
            ("pt-PT", "pt_BR"),
            ("zh-CN", "zh_CN"),
            ("zh", "zh_CN"),
            ("zh-Hans-SG", "zh_CN"),
            ("zh-TW", "zh_TW"),
            ("zh-Hant-HK", "zh_TW"),
            ("zh_hk", "zh_TW"),
            ("id-ID", "id"),
            ("in", "id"),
            ("tr-TR", "tr"),
            ("nb-NO", "en"),
        ] {
            assert_eq!(ConsoleLanguage::from_tag(tag).locale(), locale, "{tag}");
        }
    }

    #[test]
    fn twelve_languages_each_with_its_own_locale() {
        let locales: Vec<&str> = ConsoleLanguage::ALL.iter().map(|l| l.locale()).collect();
        let mut unique = locales.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), 12);
        for language in ConsoleLanguage::ALL {
            assert_eq!(ConsoleLanguage::from_locale(language.locale()), Some(language));
        }
        assert_eq!(ConsoleLanguage::from_locale("../en"), None);
    }

    /// Every language has its translation in the extension, with every
    /// message the English one has (tests/js/locales.test.mjs checks the
    /// placeholders and the rest).
    #[test]
    fn the_extension_has_every_languages_translation() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("extension/_locales");
        let read = |locale: &str| -> serde_json::Value {
            let text = std::fs::read_to_string(root.join(locale).join("messages.json"))
                .unwrap_or_else(|e| panic!("_locales/{locale}/messages.json: {e}"));
            serde_json::from_str(&text).unwrap()
        };
        let english = read("en");
        for language in ConsoleLanguage::ALL {
            let translation = read(language.locale());
            for key in english.as_object().unwrap().keys() {
                assert!(translation.get(key).is_some(), "{} lacks {key}", language.locale());
            }
        }
    }
}

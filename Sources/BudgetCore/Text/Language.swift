/// The language of messages. Documents in the package are always Vietnamese.
public enum Language: String, Sendable, CaseIterable, Codable {
    case vi
    case en

    /// The language `LANG` asks for: Vietnamese for `vi…`, otherwise English.
    public static func fromEnvironment(_ lang: String?) -> Language {
        guard let lang, lang.lowercased().hasPrefix("vi") else { return .en }
        return .vi
    }
}

/// A text in both languages, optionally a template with `{name}` placeholders.
///
/// Users read Vietnamese first, and every message must exist in both languages: the type
/// has no way to hold only one. Catalogue tests check that both sides name the same
/// placeholders.
public struct Localized: Sendable, Equatable, Hashable {
    public let vi: String
    public let en: String

    public init(vi: String, en: String) {
        self.vi = vi
        self.en = en
    }

    /// The text in `language`, placeholders left as written.
    public func text(_ language: Language) -> String {
        language == .vi ? vi : en
    }

    /// The text in `language` with each `{name}` replaced by `arguments[name]`; a
    /// placeholder without an argument is left as written.
    public func render(_ language: Language, _ arguments: [String: String] = [:]) -> String {
        Localized.fill(text(language), arguments)
    }

    /// The placeholder names in the template for `language`, in order of first use.
    public func placeholders(_ language: Language) -> [String] {
        Localized.placeholderNames(text(language))
    }

    /// Replaces `{name}` in `template` by `arguments[name]`.
    ///
    /// Complexity: O(n) in the length of the template and the inserted values.
    public static func fill(_ template: String, _ arguments: [String: String]) -> String {
        guard template.contains("{") else { return template }
        var out = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: "}") else {
                out += rest[open...]
                return out
            }
            let name = String(rest[afterOpen..<close])
            if let value = arguments[name] {
                out += value
            } else {
                out += rest[open...close]
            }
            rest = rest[rest.index(after: close)...]
        }
        out += rest
        return out
    }

    static func placeholderNames(_ template: String) -> [String] {
        var names: [String] = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: "}") else { break }
            let name = String(rest[afterOpen..<close])
            if !names.contains(name) { names.append(name) }
            rest = rest[rest.index(after: close)...]
        }
        return names
    }
}

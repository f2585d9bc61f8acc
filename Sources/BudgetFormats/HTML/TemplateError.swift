/// A template that cannot be read or rendered, with the place to fix it.
///
/// Templates live in `Templates/` and users may edit them, so every problem names the
/// template, the line and the column (both 1-based; the column counts characters) and,
/// for a misspelt name, the closest name the context provides.
public struct TemplateError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Equatable, Sendable {
        /// `{{` without its `}}` (or `{{{` without `}}}`).
        case unterminatedTag
        /// `{{}}` or `{{# }}`.
        case emptyTag
        /// A name with characters other than letters, digits, `_`, `-` and `.` between parts.
        case invalidName(String)
        /// A tag this renderer does not support: partials `{{> x}}`, delimiters `{{=x y=}}`.
        case unsupportedTag(String)
        /// `{{#name}}` or `{{^name}}` never closed.
        case unclosedSection(String)
        /// `{{/name}}` with no section open.
        case unexpectedClose(String)
        /// `{{/found}}` while `expected` is the open section.
        case mismatchedClose(expected: String, found: String)
        /// A name the context does not provide; `available` lists those it does, at that
        /// point, and `suggestion` the closest.
        case unknownName(String, suggestion: String?, available: [String])
        /// A list, flag or group shown with `{{name}}`, which needs text.
        case notText(String)
        /// Sections nested deeper than ``Template/maxNesting``.
        case nestedTooDeep(Int)
    }

    public var kind: Kind
    /// The template's name, as given to ``Template/init(_:name:)``.
    public var template: String
    public var line: Int
    public var column: Int

    public init(_ kind: Kind, template: String, line: Int, column: Int) {
        self.kind = kind
        self.template = template
        self.line = line
        self.column = column
    }

    public var description: String {
        "\(template):\(line):\(column): \(message)"
    }

    /// The problem without its location.
    public var message: String {
        switch kind {
        case .unterminatedTag: return "tag opened here is never closed with }}"
        case .emptyTag: return "empty tag"
        case let .invalidName(name):
            return "invalid name \"\(name)\" (use letters, digits, _ and -, with . between parts)"
        case let .unsupportedTag(tag):
            return "unsupported tag {{\(tag)}} (partials and delimiter changes are not available)"
        case let .unclosedSection(name): return "section {{#\(name)}} is never closed with {{/\(name)}}"
        case let .unexpectedClose(name): return "{{/\(name)}} closes no open section"
        case let .mismatchedClose(expected, found):
            return "{{/\(found)}} found where {{/\(expected)}} was expected"
        case let .unknownName(name, suggestion, available):
            var text = "unknown name \"\(name)\""
            if let suggestion { text += " (did you mean \"\(suggestion)\"?)" }
            if !available.isEmpty {
                let shown = available.prefix(30).joined(separator: ", ")
                text += "; available here: \(shown)\(available.count > 30 ? ", …" : "")"
            }
            return text
        case let .notText(name): return "\"\(name)\" is a list, flag or group: use {{#\(name)}}…{{/\(name)}}"
        case let .nestedTooDeep(limit): return "sections nested more than \(limit) deep"
        }
    }
}

/// A value a ``Template`` can show: text, a trusted HTML fragment, a flag, a list of rows,
/// or a group of named values.
public enum TemplateValue: Sendable, Hashable {
    /// Text: always escaped, whichever tag shows it.
    case text(String)
    /// An HTML fragment the engine built itself (a table, a chart): inserted as is by
    /// `{{{name}}}`, and escaped by `{{name}}` (so a template that shows it the wrong way
    /// displays markup rather than running it).
    case raw(String)
    /// A flag for `{{#name}}…{{/name}}` and `{{^name}}…{{/name}}`.
    case bool(Bool)
    /// Rows for `{{#name}}…{{/name}}`, rendered once per element with its names in scope.
    case list([[String: TemplateValue]])
    /// Named values reachable as `{{name.field}}`, or in scope inside `{{#name}}…{{/name}}`.
    case object([String: TemplateValue])
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

/// A small logic-less template for the documents users may edit (Mustache-like).
///
/// Tags:
/// - `{{name}}` — the value, HTML-escaped;
/// - `{{{name}}}` or `{{&name}}` — a ``TemplateValue/raw(_:)`` fragment as is (text is
///   still escaped: a template edit can never inject unescaped data);
/// - `{{#name}}…{{/name}}` — once per element of a list (its names in scope), once for
///   `true`, a non-empty text or a group (its names in scope), never for `false` or `[]`;
/// - `{{^name}}…{{/name}}` — once when the name is missing, `false`, `[]` or empty text;
/// - `{{! comment }}` — nothing.
///
/// Names may be dotted (`{{don_vi.ten}}`); a name is looked up from the innermost section
/// outwards. A `{{name}}` or `{{#name}}` the context does not provide is an error (a
/// misspelt name would otherwise show nothing, silently); only `{{^name}}` accepts a
/// missing name, that being how a template says "when there is none".
///
/// A section, inverted-section, closing or comment tag alone on its line (spaces aside)
/// removes the whole line, so list templates produce clean HTML.
///
/// Errors — in the text at ``init(_:name:)``, against the context at ``render(_:)`` — are
/// ``TemplateError``s with line and column; nothing here traps.
public struct Template: Sendable {
    /// The deepest nesting of sections accepted: far beyond any document, and a bound on
    /// the renderer's recursion.
    public static let maxNesting = 64

    /// The template's name, for error messages ("to-trinh.html").
    public let name: String
    private let source: [UInt8]
    private let nodes: [TemplateNode]

    /// Parses `source`. Throws a ``TemplateError`` for malformed tags or sections.
    public init(_ source: String, name: String = "template") throws(TemplateError) {
        self.name = name
        self.source = Array(source.utf8)
        var parser = TemplateParser(source: self.source, name: name)
        nodes = try parser.parse()
    }

    /// Every name the template refers to, dotted names whole: lets a test check that the
    /// engine provides all of them.
    public var referencedNames: Set<String> {
        var names: Set<String> = []
        func visit(_ nodes: [TemplateNode]) {
            for node in nodes {
                switch node {
                case .text: break
                case let .variable(path, _, _): names.insert(path.joined(separator: "."))
                case let .section(path, _, children, _):
                    names.insert(path.joined(separator: "."))
                    visit(children)
                }
            }
        }
        visit(nodes)
        return names
    }

    /// The document for `context`. Complexity: O(template × repetitions + output).
    public func render(_ context: [String: TemplateValue]) throws(TemplateError) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(source.count * 2)
        var scopes = [context]
        try render(nodes, scopes: &scopes, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    private func render(
        _ nodes: [TemplateNode], scopes: inout [[String: TemplateValue]], into output: inout [UInt8]
    )
        throws(TemplateError)
    {
        for node in nodes {
            switch node {
            case let .text(bytes):
                output.append(contentsOf: bytes)
            case let .variable(path, raw, position):
                switch lookup(path, in: scopes) {
                case let .text(text)?: HTML.appendEscaped(text, to: &output)
                case let .raw(html)?:
                    if raw { output.append(contentsOf: html.utf8) } else { HTML.appendEscaped(html, to: &output) }
                case .bool?, .list?, .object?:
                    throw error(.notText(path.joined(separator: ".")), at: position)
                case nil:
                    throw unknown(path, scopes: scopes, at: position)
                }
            case let .section(path, inverted, children, position):
                let value = lookup(path, in: scopes)
                if inverted {
                    if Self.isFalsy(value) { try render(children, scopes: &scopes, into: &output) }
                    continue
                }
                switch value {
                case nil: throw unknown(path, scopes: scopes, at: position)
                case let .bool(flag)?: if flag { try render(children, scopes: &scopes, into: &output) }
                case let .text(text)?, let .raw(text)?:
                    if !text.isEmpty { try render(children, scopes: &scopes, into: &output) }
                case let .list(items)?:
                    for item in items {
                        scopes.append(item)
                        defer { scopes.removeLast() }
                        try render(children, scopes: &scopes, into: &output)
                    }
                case let .object(group)?:
                    scopes.append(group)
                    defer { scopes.removeLast() }
                    try render(children, scopes: &scopes, into: &output)
                }
            }
        }
    }

    private static func isFalsy(_ value: TemplateValue?) -> Bool {
        switch value {
        case nil: return true
        case let .bool(flag)?: return !flag
        case let .list(items)?: return items.isEmpty
        case let .text(text)?, let .raw(text)?: return text.isEmpty
        case .object?: return false
        }
    }

    /// The first part is searched from the innermost scope out; later parts in groups.
    private func lookup(_ path: [String], in scopes: [[String: TemplateValue]]) -> TemplateValue? {
        guard let first = path.first else { return nil }
        var value: TemplateValue? = nil
        for scope in scopes.reversed() {
            if let found = scope[first] {
                value = found
                break
            }
        }
        for part in path.dropFirst() {
            guard case let .object(group)? = value else { return nil }
            value = group[part]
        }
        return value
    }

    private func unknown(_ path: [String], scopes: [[String: TemplateValue]], at position: Int) -> TemplateError {
        var available: Set<String> = []
        for scope in scopes { available.formUnion(scope.keys) }
        let name = path.joined(separator: ".")
        let sorted = available.sorted()
        let suggestion = sorted.min { editDistance(path[0], $0) < editDistance(path[0], $1) }
            .flatMap { editDistance(path[0], $0) <= max(2, path[0].count / 3) ? $0 : nil }
        return error(.unknownName(name, suggestion: suggestion, available: sorted), at: position)
    }

    private func error(_ kind: TemplateError.Kind, at position: Int) -> TemplateError {
        let (line, column) = TemplateParser.lineAndColumn(of: position, in: source)
        return TemplateError(kind, template: name, line: line, column: column)
    }
}

/// A parsed piece of template. Positions are UTF-8 offsets, turned into line and column
/// only when an error needs them.
enum TemplateNode: Sendable {
    case text([UInt8])
    case variable(path: [String], raw: Bool, position: Int)
    indirect case section(path: [String], inverted: Bool, children: [TemplateNode], position: Int)
}

/// Levenshtein distance, for "did you mean".
private func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.unicodeScalars)
    let b = Array(b.unicodeScalars)
    guard !a.isEmpty else { return b.count }
    guard !b.isEmpty else { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}

/// Something a stage noticed about a user's data: a value, never a thrown error.
///
/// Stages collect findings and go on, so that one run reports every problem of a file
/// (the opposite of stopping at the first). Each finding carries where it is — file,
/// physical line (1-based; a record spanning lines reports its first), the column name as
/// the header spells it and its 1-based number — and the offending value. Its message and
/// hint are not stored: they are rendered from ``FindingCatalogue`` in the reader's
/// language, from `arguments`.
public struct Finding: Sendable, Hashable, Codable {
    /// What kind of finding this is.
    public var code: FindingCode
    /// Fixed by the code (see ``FindingCatalogue``).
    public var severity: Severity
    /// The file name as the user gave it, if the finding concerns a file.
    public var file: String?
    /// The physical line, 1-based.
    public var line: Int?
    /// The column name as the header spells it.
    public var column: String?
    /// The column's position, 1-based.
    public var columnNumber: Int?
    /// The offending value, as written.
    public var value: String?
    /// The plan item concerned (consolidation findings).
    public var item: String?
    /// The agency concerned (consolidation findings).
    public var agency: String?
    /// Selects one of the catalogue entry's message variants; empty for the default.
    public var variant: String
    /// Values for the message and hint placeholders beyond the fields above.
    public var arguments: [String: String]

    /// Creates a finding; its severity is the one the catalogue gives `code`.
    public init(
        _ code: FindingCode,
        file: String? = nil,
        line: Int? = nil,
        column: String? = nil,
        columnNumber: Int? = nil,
        value: String? = nil,
        item: String? = nil,
        agency: String? = nil,
        variant: String = "",
        arguments: [String: String] = [:]
    ) {
        self.code = code
        self.severity = FindingCatalogue.entry(code)?.severity ?? .error
        self.file = file
        self.line = line
        self.column = column
        self.columnNumber = columnNumber
        self.value = value
        self.item = item
        self.agency = agency
        self.variant = variant
        self.arguments = arguments
    }

    /// Every placeholder value: the fields above plus `arguments`.
    public var allArguments: [String: String] {
        var all = arguments
        if let file { all["file"] = file }
        if let line { all["line"] = String(line) }
        if let column { all["column"] = column }
        if let columnNumber { all["columnNumber"] = String(columnNumber) }
        if let value { all["value"] = value }
        if let item { all["item"] = item }
        if let agency { all["agency"] = agency }
        return all
    }

    /// The message in `language`.
    public func message(_ language: Language) -> String {
        guard let entry = FindingCatalogue.entry(code) else { return code.rawValue }
        return entry.message(variant).render(language, allArguments)
    }

    /// The hint in `language`, or `nil` when the entry has none or a value it needs is absent.
    public func hint(_ language: Language) -> String? {
        guard let template = FindingCatalogue.entry(code)?.hint(variant) else { return nil }
        let arguments = allArguments
        for name in template.placeholders(language) where arguments[name] == nil { return nil }
        return template.render(language, arguments)
    }

    /// Whether the finding makes a file invalid.
    public var isError: Bool { severity == .error }

    /// The order reports use: by file, line, column number, then code.
    public static func reportOrder(_ a: Finding, _ b: Finding) -> Bool {
        if (a.file ?? "") != (b.file ?? "") { return (a.file ?? "") < (b.file ?? "") }
        if (a.line ?? 0) != (b.line ?? 0) { return (a.line ?? 0) < (b.line ?? 0) }
        if (a.columnNumber ?? 0) != (b.columnNumber ?? 0) {
            return (a.columnNumber ?? 0) < (b.columnNumber ?? 0)
        }
        if a.code != b.code { return a.code < b.code }
        return (a.value ?? "") < (b.value ?? "")
    }
}

/// One thing wrong with a plan file, located by field path and position.
public struct PlanProblem: Sendable, Equatable {
    /// The JSON path of the field, such as `items[3].agencies[0]`; empty for the whole file.
    public var field: String
    public var line: Int?
    public var column: Int?
    public var message: Localized

    public init(field: String, line: Int? = nil, column: Int? = nil, message: Localized) {
        self.field = field
        self.line = line
        self.column = column
        self.message = message
    }
}

/// A plan that cannot be used (exit 2). Every problem found is listed, not just the first.
public struct PlanError: Error, Sendable, Equatable {
    public var problems: [PlanProblem]

    public init(_ problems: [PlanProblem]) { self.problems = problems }

    /// One line per problem: `FILE:LINE:COL: field: message`.
    public func lines(file: String, _ language: Language) -> [String] {
        problems.map { p in
            var place = file
            if let line = p.line {
                place += ":\(line)"
                if let column = p.column { place += ":\(column)" }
            }
            let field = p.field.isEmpty ? "" : "\(p.field): "
            return "\(place): \(field)\(p.message.text(language))"
        }
    }
}

import BudgetCore

/// Which agency a file belongs to, and what was wrong with the ways it said so.
public struct AgencyResolution: Sendable, Hashable {
    /// The agency the file is attributed to: the first source, in order of precedence
    /// (`--agency`, then `Mã đơn vị` rows, then `Đơn vị` rows, each in file order), that
    /// names an agency of the plan. Set even when the sources conflict, so that a returned
    /// file is still recorded against the agency the officer or the file named first.
    public var agency: Party?
    /// Whether the sources agree on ``agency``; rules that depend on the agency (such as
    /// `item-not-assigned`) run only when they do, or a file sent under the wrong code
    /// would drown its one real error in a finding per line.
    public var isSettled: Bool
    /// `missing-agency`, `unknown-agency` and `agency-conflict` findings.
    public var findings: [Finding]

    public init(agency: Party?, isSettled: Bool, findings: [Finding]) {
        self.agency = agency
        self.isSettled = isSettled
        self.findings = findings
    }
}

/// Decides a file's agency from the `--agency` flag and the key rows above its table.
///
/// The contract: "`--agency`, else the `Mã đơn vị` row, else an `Đơn vị` row whose name
/// matches one agency of the plan. Disagreement between them is an error." Decisions
/// beyond it:
/// - Every present source is looked at, not only the first, so that a disagreement is
///   always found. Codes match case-insensitively after trimming; names match after
///   folding case, tone marks, `đ`/`d` and spacing (so NFC and NFD both match); an
///   `Đơn vị` row that holds a code rather than a name is taken as that code.
/// - A code (from the flag or a `Mã đơn vị` row) that is not in the plan is
///   `unknown-agency`, with the nearest code as a suggestion and the row's line.
/// - An `Đơn vị` name that matches no agency is `unknown-agency` only when no code was
///   given at all. Names are written in many ways ("Sở VHTTDL", "Báo Kon Tum tỉnh"); when
///   a code says who sent the file, an unrecognised name is no reason to return it.
/// - Two sources naming different agencies of the plan are one `agency-conflict`,
///   whose value lists the sources grouped by agency: "--agency BAOKT ≠ Mã đơn vị
///   SVHTTDL (dòng 3)". Sources naming the same agency within a group are joined by "=".
/// - A flag that is empty or blank counts as absent; so does a key row with no value.
/// - No source at all is `missing-agency`.
public enum AgencyResolver {
    /// Resolves the agency of a file.
    ///
    /// - Parameters:
    ///   - flag: the `--agency` value, if given.
    ///   - keyRows: the key rows above the table; rows other than `Mã đơn vị` and
    ///     `Đơn vị` are ignored.
    ///   - plan: the plan whose agencies are candidates.
    /// - Complexity: O(r · a) for r key rows and a agencies of the plan.
    public static func resolve(flag: String?, keyRows: [KeyRow], plan: Plan) -> AgencyResolution {
        var sources: [Source] = []
        var findings: [Finding] = []
        var codeGiven = false

        if let flag, case let written = Folding.trim(flag), !written.isEmpty {
            codeGiven = true
            if let party = plan.agency(matching: written) {
                sources.append(Source(label: "--agency \(written)", line: nil, party: party))
            } else {
                findings.append(unknownCode(written, line: nil, plan: plan))
            }
        }
        for row in keyRows where row.key == .agencyCode {
            let written = Folding.trim(row.value)
            guard !written.isEmpty else { continue }
            codeGiven = true
            if let party = plan.agency(matching: written) {
                sources.append(Source(label: "Mã đơn vị \(written) (dòng \(row.line))", line: row.line, party: party))
            } else {
                findings.append(unknownCode(written, line: row.line, plan: plan))
            }
        }
        var unmatchedNames: [KeyRow] = []
        for row in keyRows where row.key == .agencyName {
            let written = Folding.trim(row.value)
            guard !written.isEmpty else { continue }
            if let party = plan.agency(named: written) ?? plan.agency(matching: written) {
                sources.append(Source(label: "Đơn vị \(written) (dòng \(row.line))", line: row.line, party: party))
            } else {
                unmatchedNames.append(row)
            }
        }
        if !codeGiven {
            for row in unmatchedNames {
                findings.append(unknownName(Folding.trim(row.value), line: row.line, plan: plan))
            }
        }

        if sources.isEmpty && findings.isEmpty && unmatchedNames.isEmpty {
            findings.append(Finding(.missingAgency))
        }
        let agency = sources.first?.party
        let conflict = conflictFinding(sources)
        if let conflict { findings.append(conflict) }
        return AgencyResolution(agency: agency, isSettled: agency != nil && conflict == nil, findings: findings)
    }

    /// One way the file or the officer named the agency.
    struct Source {
        /// How the source reads in an `agency-conflict` value ("Mã đơn vị SVHTTDL (dòng 3)").
        var label: String
        /// The key row's line; `nil` for the flag.
        var line: Int?
        var party: Party
    }

    /// `agency-conflict` when the sources name more than one agency, on the first line of
    /// a key row involved.
    static func conflictFinding(_ sources: [Source]) -> Finding? {
        var groups: [(code: String, labels: [String])] = []
        for source in sources {
            if let index = groups.firstIndex(where: { $0.code == source.party.code }) {
                groups[index].labels.append(source.label)
            } else {
                groups.append((source.party.code, [source.label]))
            }
        }
        guard groups.count > 1 else { return nil }
        let value = groups.map { $0.labels.joined(separator: " = ") }.joined(separator: " ≠ ")
        let line = sources.compactMap(\.line).min()
        return Finding(.agencyConflict, line: line, value: value)
    }

    /// `unknown-agency` for a code, with the nearest of the plan's codes as a suggestion
    /// (listed only here: listing a thousand agencies' codes for every file cost more than
    /// reading its header).
    static func unknownCode(_ code: String, line: Int?, plan: Plan) -> Finding {
        var arguments: [String: String] = [:]
        if let suggestion = Suggest.nearest(code, in: plan.agencies.map(\.code)) {
            arguments["suggestion"] = suggestion
        }
        return Finding(.unknownAgency, line: line, value: code, arguments: arguments)
    }

    /// `unknown-agency` for a name; the suggestion is the nearest plan name after folding,
    /// so that a name typed without tone marks still finds its agency.
    static func unknownName(_ name: String, line: Int, plan: Plan) -> Finding {
        var arguments: [String: String] = [:]
        let keys = plan.agencies.map { Folding.key($0.name) }
        if let nearest = Suggest.nearest(Folding.key(name), in: keys),
            let index = keys.firstIndex(of: nearest)
        {
            let party = plan.agencies[index]
            arguments["suggestion"] = "\(party.name) (\(party.code))"
        }
        return Finding(.unknownAgency, line: line, value: name, arguments: arguments)
    }
}

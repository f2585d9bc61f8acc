import BudgetCore
import BudgetFormats
import Foundation

/// The JSON every front end prints for the engine's results — `check`, `submit` and
/// `status --format json`, and the portal's API — defined once. Keys are camelCase and never
/// renamed once released; amounts are integers of đồng; absent fields are `null`.
public enum ResultJSON {
    /// `check --format json`: one array, one object per file, in argument order.
    public static func check(_ results: [FileCheck], _ language: Language) -> String {
        OrderedJSON.array(results.map { check($0, language) }).render()
    }

    /// `submit --format json`: the receipt, or an array of receipts for several files.
    public static func submit(_ results: [SubmitResult], several: Bool, _ language: Language) -> String {
        let objects = results.map { receipt($0, language) }
        return (several ? OrderedJSON.array(objects) : objects.first ?? .array([])).render()
    }

    /// `status --format json`.
    public static func status(_ status: RoundStatus, _ language: Language) -> String {
        self.status(status, language).render()
    }

    /// `status --agency CODE --format json`.
    public static func agency(_ record: AgencyRecord, _ language: Language) -> String {
        agency(record, language).render()
    }

    static func check(_ r: FileCheck, _ language: Language) -> OrderedJSON {
        .object([
            ("file", .string(r.file)),
            ("agency", .optional(r.agency?.code)),
            ("valid", .bool(r.valid)),
            ("lines", .int(Int64(r.lines))),
            ("total", .optional(r.total?.dong)),
            ("findings", .array(r.findings.map { ResultJSON.finding($0, language) })),
        ])
    }

    static func receipt(_ r: SubmitResult, _ language: Language) -> OrderedJSON {
        let zone = r.plan.timeZone
        return .object([
            ("receipt", .int(r.receipt.id)),
            ("file", .string(r.receipt.fileName)),
            ("agency", .optional(r.receipt.agency)),
            ("decision", .string(r.receipt.decision.rawValue)),
            ("valid", .bool(r.receipt.valid)),
            ("sha256", .string(r.receipt.sha256)),
            ("receivedAt", .string(ISOTime.format(r.receipt.receivedAt, in: zone))),
            ("recordedAt", .string(ISOTime.format(r.receipt.recordedAt, in: zone))),
            ("simulatedClock", .bool(r.receipt.clockKind == .simulated)),
            ("deadline", .string(ISOTime.format(r.plan.deadline.shown, in: zone))),
            ("onTime", .bool(r.onTime)),
            ("lines", .int(Int64(r.check.lines))),
            ("total", .optional(r.check.total?.dong)),
            ("supersedes", .optional(r.supersedes?.id)),
            ("duplicateOf", .optional(r.receipt.duplicateOf)),
            ("sumsChanged", .bool(r.sumsChanged)),
            ("note", .optional(r.receipt.note)),
            ("reason", .optional(r.receipt.reason)),
            ("findings", .array(r.check.findings.map { ResultJSON.finding($0, language) })),
        ])
    }

    /// One agency's row, as in the board's JSON.
    static func agencyRow(_ a: AgencyStatus, zone: TimeZone) -> OrderedJSON {
        .object([
            ("code", .string(a.agency.code)),
            ("name", .string(a.agency.name)),
            ("state", .string(a.state.rawValue)),
            ("receivedAt", .optional((a.counted ?? a.latest).map { ISOTime.format($0.receivedAt, in: zone) })),
            ("total", .optional(a.total?.dong)),
            ("submissions", .int(Int64(a.receipts.count))),
        ])
    }

    /// `status --agency CODE --format json`: the agency and its receipts, oldest first.
    static func agency(_ record: AgencyRecord, _ language: Language) -> OrderedJSON {
        let zone = record.plan.timeZone
        return .object([
            ("agency", agencyRow(record.status, zone: zone)),
            (
                "receipts",
                .array(
                    record.receipts.map { r in
                        .object([
                            ("receipt", .int(r.receipt.id)),
                            ("file", .string(r.receipt.fileName)),
                            ("sha256", .string(r.receipt.sha256)),
                            ("receivedAt", .string(ISOTime.format(r.receipt.receivedAt, in: zone))),
                            ("recordedAt", .string(ISOTime.format(r.receipt.recordedAt, in: zone))),
                            ("decision", .string(r.receipt.decision.rawValue)),
                            ("counted", .bool(r.counted)),
                            ("voided", .bool(r.receipt.voided != nil)),
                            ("voidReason", .optional(r.receipt.voided?.reason)),
                            ("lines", .int(Int64(r.receipt.lineCount))),
                            ("total", .optional(r.receipt.total?.dong)),
                            ("findings", .array(r.findings.map { ResultJSON.finding($0, language) })),
                        ])
                    })
            ),
        ])
    }

    static func status(_ s: RoundStatus, _ language: Language) -> OrderedJSON {
        let c = s.consolidation
        let zone = c.plan.timeZone
        return .object(
            [("plan", .string(c.plan.id))] + periodMember(c.plan) + [
                ("deadline", .string(ISOTime.format(c.plan.deadline.shown, in: zone))),
                ("now", .string(ISOTime.format(s.now, in: zone))),
                ("simulatedClock", .bool(s.clockKind == .simulated)),
                ("open", .bool(s.isOpen)),
                ("agencies", .array(c.agencies.map { agencyRow($0, zone: zone) })),
                ("total", .int(c.grandTotal.dong)),
                ("findings", .array(c.findings.map { ResultJSON.roundFinding($0, language) })),
            ])
    }

    /// `"period": "2020-02"` for the round of a period of a recurring plan, nothing
    /// otherwise: a round with one deadline keeps exactly the keys it always had.
    static func periodMember(_ plan: Plan) -> [(String, OrderedJSON)] {
        plan.period.map { [("period", .string($0.text))] } ?? []
    }

    /// The JSON object of the contract: code, severity, line, column, value, message, hint.
    static func finding(_ finding: Finding, _ language: Language) -> OrderedJSON {
        .object([
            ("code", .string(finding.code.rawValue)),
            ("severity", .string(finding.severity.rawValue)),
            ("line", .optional(finding.line)),
            ("column", .optional(finding.column)),
            ("value", .optional(finding.value)),
            ("message", .string(finding.message(language))),
            ("hint", .optional(finding.hint(language))),
        ])
    }

    /// The JSON object of a consolidation finding: code, severity, item, agency, value, message.
    static func roundFinding(_ finding: Finding, _ language: Language) -> OrderedJSON {
        .object([
            ("code", .string(finding.code.rawValue)),
            ("severity", .string(finding.severity.rawValue)),
            ("item", .optional(finding.item)),
            ("agency", .optional(finding.agency)),
            ("value", .optional(finding.value)),
            ("message", .string(finding.message(language))),
        ])
    }
}

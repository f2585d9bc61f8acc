import BudgetCore
import BudgetFormats
import Foundation

/// The JSON of `access --format json` and of the portal's API beyond the command line's:
/// built from the same pieces (``ResultJSON/agencyRow(_:zone:)``, the receipt object), so
/// that a key means one thing everywhere.
extension ResultJSON {
    /// `access --format json`: `{"agency", "name", "code"}` per agency (an array with
    /// `--all`), `{"officer", "code"}` for an officer, `{"revoked", "subjects"}` with `--revoke`.
    public static func access(_ outcome: AccessOutcome, several: Bool) -> String {
        if outcome.issued.isEmpty {
            return OrderedJSON.object([
                ("revoked", .int(Int64(outcome.revoked))),
                ("subjects", .array(outcome.subjects.map { .string($0) })),
            ]).render()
        }
        let objects: [OrderedJSON] = outcome.issued.map { issued in
            switch issued.role {
            case .agency:
                .object([
                    ("agency", .string(issued.subject)), ("name", .string(issued.name)), ("code", .string(issued.code)),
                ])
            case .officer:
                .object([("officer", .string(issued.subject)), ("code", .string(issued.code))])
            }
        }
        return (several ? OrderedJSON.array(objects) : objects.first ?? .array([])).render()
    }

    /// `GET /api/status` for an agency: the board's keys, with only its own row, and no
    /// grand total or round findings (they are about every agency).
    public static func status(_ s: RoundStatus, onlyAgency code: String, _ language: Language) -> String {
        let c = s.consolidation
        let zone = c.plan.timeZone
        return OrderedJSON.object(
            [("plan", .string(c.plan.id))] + periodMember(c.plan) + [
                ("deadline", .string(ISOTime.format(c.plan.deadline.shown, in: zone))),
                ("now", .string(ISOTime.format(s.now, in: zone))),
                ("simulatedClock", .bool(s.clockKind == .simulated)),
                ("open", .bool(s.isOpen)),
                ("agencies", .array(c.agencies.filter { $0.agency.code == code }.map { agencyRow($0, zone: zone) })),
            ]
        ).render()
    }

    /// `GET /api/receipts` for the officer: every agency's record, in plan order.
    public static func agencies(_ records: [AgencyRecord], _ language: Language) -> String {
        OrderedJSON.array(records.map { agency($0, language) }).render()
    }

    /// `POST /api/receipts/N/void`: what the annulment did.
    public static func void(_ result: VoidResult) -> String {
        OrderedJSON.object([
            ("receipt", .int(result.receipt.id)),
            ("voided", .bool(result.receipt.voided != nil)),
            ("reason", .optional(result.receipt.voided?.reason)),
            ("agency", .optional(result.receipt.agency)),
            ("stateBefore", .optional(result.stateBefore?.rawValue)),
            ("stateAfter", .optional(result.stateAfter?.rawValue)),
            ("counts", .optional(result.countedAfter?.id)),
        ]).render()
    }

    /// An API error: `{"error": message, "details": [...]}`.
    public static func error(_ message: String, details: [String] = []) -> String {
        OrderedJSON.object([("error", .string(message)), ("details", .array(details.map { .string($0) }))]).render()
    }
}

extension ResultJSON {
    /// `POST /api/check`: the object `check --format json` prints for one file (the
    /// portal checks one file per request, so it answers the object, not a one-element array).
    public static func checkObject(_ result: FileCheck, _ language: Language) -> String {
        check(result, language).render()
    }
}

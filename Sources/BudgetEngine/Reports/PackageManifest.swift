import BudgetCore
import BudgetFormats
import BudgetRules
import Foundation

/// `manifest.json`: what the package holds and what it says, for programs and auditors.
enum PackageManifest {
    static let format = "budget-package/1"

    static func json(
        _ c: Consolidation, files: [PackageFile], now: Date, clockKind: ClockKind, planSHA256: String, lineCount: Int
    ) -> OrderedJSON {
        let zone = c.plan.timeZone
        return .object([
            ("format", .string(format)),
            (
                "plan",
                .object(
                    [("id", .string(c.plan.id)), ("title", .string(c.plan.title)), ("sha256", .string(planSHA256))]
                        + ResultJSON.periodMember(c.plan) + [
                            ("deadline", .string(ISOTime.format(c.plan.deadline.shown, in: zone)))
                        ])
            ),
            ("generatedAt", .string(ISOTime.format(now, in: zone))),
            ("simulatedClock", .bool(clockKind == .simulated)),
            ("toolVersion", .string(BudgetVersion.current)),
            (
                "totals",
                .object([
                    ("grandTotal", .int(c.grandTotal.dong)),
                    ("grandTotalInWords", .string(VietnameseNumberWords.words(for: c.grandTotal))),
                    ("lines", .int(Int64(lineCount))),
                    (
                        "byAgency",
                        .array(
                            c.agencies.compactMap { a in
                                a.total.map { .object([("code", .string(a.agency.code)), ("total", .int($0.dong))]) }
                            })
                    ),
                    (
                        "byItem",
                        .array(
                            c.items.filter { $0.total != .zero }.map { i in
                                .object([("code", .string(i.item.code)), ("total", .int(i.total.dong))])
                            })
                    ),
                ])
            ),
            (
                "agencies",
                .array(
                    c.agencies.map { a in
                        .object([
                            ("code", .string(a.agency.code)), ("name", .string(a.agency.name)),
                            ("state", .string(a.state.rawValue)),
                            ("receipt", .optional(a.counted?.id)),
                            ("sha256", .optional(a.counted?.sha256)),
                            ("receivedAt", .optional(a.counted.map { ISOTime.format($0.receivedAt, in: zone) })),
                            ("total", .optional(a.total?.dong)),
                        ])
                    })
            ),
            ("missing", .array(c.missing.map { .string($0.agency.code) })),
            (
                "findings",
                .array(
                    c.findings.map { f in
                        .object([
                            ("code", .string(f.code.rawValue)), ("severity", .string(f.severity.rawValue)),
                            ("item", .optional(f.item)), ("agency", .optional(f.agency)), ("value", .optional(f.value)),
                            ("message", .string(f.message(.vi))),
                        ])
                    })
            ),
            (
                "files",
                .array(
                    files.map { f in
                        .object([
                            ("path", .string(f.path)), ("role", .string(f.role)), ("sha256", .string(f.sha256)),
                            ("bytes", .int(Int64(f.bytes))),
                        ])
                    })
            ),
        ])
    }
}

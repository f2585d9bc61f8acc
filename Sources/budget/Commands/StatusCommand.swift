import BudgetCommandLine
import BudgetCore
import BudgetEngine
import BudgetFormats
import Foundation

/// `budget status --round DIR`: who has submitted, who is late, who is missing.
enum StatusCommand: Command {
    static let spec = CommandSpec(
        name: "status",
        abstract: Localized(
            vi: "Tình hình đợt tổng hợp: đơn vị đã nộp, muộn, thiếu; tổng tiền; thời gian còn lại.",
            en: "The round's state: who has submitted, who is late or missing; totals; time left."),
        options: [CommonOptions.round, CommonOptions.format])

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws(EngineError) -> Int32 {
        let directory = arguments.value("round") ?? "."
        let status = try Status().run(roundDirectory: directory, clock: try context.clock())
        if arguments.value("format") == "json" {
            context.terminal.print(json(status, context.language).render())
        } else {
            text(status, context)
        }
        return 0
    }

    static func json(_ s: RoundStatus, _ language: Language) -> OrderedJSON {
        let c = s.consolidation
        let zone = c.plan.timeZone
        return .object([
            ("plan", .string(c.plan.id)),
            ("deadline", .string(ISOTime.format(c.plan.deadline.shown, in: zone))),
            ("now", .string(ISOTime.format(s.now, in: zone))),
            ("simulatedClock", .bool(s.clockKind == .simulated)),
            ("open", .bool(s.isOpen)),
            (
                "agencies",
                .array(
                    c.agencies.map { a in
                        .object([
                            ("code", .string(a.agency.code)),
                            ("name", .string(a.agency.name)),
                            ("state", .string(a.state.rawValue)),
                            (
                                "receivedAt",
                                .optional((a.counted ?? a.latest).map { ISOTime.format($0.receivedAt, in: zone) })
                            ),
                            ("total", .optional(a.total?.dong)),
                            ("submissions", .int(Int64(a.receipts.count))),
                        ])
                    })
            ),
            ("total", .int(c.grandTotal.dong)),
            ("findings", .array(c.findings.map { FindingText.roundJSON($0, language) })),
        ])
    }

    static func stateLabel(_ state: String, _ vi: Bool) -> String {
        switch state {
        case "missing": vi ? "chưa nộp" : "missing"
        case "accepted": vi ? "đã nhận" : "accepted"
        case "accepted-late": vi ? "nhận muộn (ngoại lệ)" : "accepted late"
        case "returned": vi ? "trả lại để sửa" : "returned"
        case "refused-late": vi ? "từ chối (quá hạn)" : "refused (late)"
        default: state
        }
    }

    static func text(_ s: RoundStatus, _ context: CommandContext) {
        let c = s.consolidation
        let vi = context.language == .vi
        let lang = context.language
        let zone = c.plan.timeZone
        context.say((vi ? "Kế hoạch: " : "Plan: ") + "\(c.plan.id) — \(c.plan.title)")
        let deadline = ISOTime.human(c.plan.deadline.shown, in: zone, lang)
        let gap = DurationText.text(seconds: abs(c.plan.deadline.shown.timeIntervalSince(s.now)), lang)
        let when = s.isOpen ? (vi ? "còn \(gap)" : "\(gap) left") : (vi ? "đã quá hạn \(gap)" : "passed \(gap) ago")
        context.say((vi ? "Hạn: " : "Deadline: ") + "\(deadline) (\(when))")
        let simulated = s.clockKind == .simulated ? (vi ? " [đồng hồ mô phỏng]" : " [simulated clock]") : ""
        context.say((vi ? "Bây giờ: " : "Now: ") + ISOTime.human(s.now, in: zone, lang) + simulated)
        context.say("")
        let header =
            vi
            ? ["Mã", "Đơn vị", "Trạng thái", "Nhận lúc", "Tổng (đồng)", "Số tệp"]
            : ["Code", "Agency", "State", "Received", "Total (đồng)", "Files"]
        var rows: [[String]] = [header]
        for a in c.agencies {
            let received = (a.counted ?? a.latest).map { ISOTime.human($0.receivedAt, in: zone, lang) } ?? ""
            rows.append([
                a.agency.code, a.agency.name, stateLabel(a.state.rawValue, vi), received,
                a.total?.grouped() ?? "", String(a.receipts.count),
            ])
        }
        for line in TextTable.render(rows, rightAligned: [4, 5]) { context.say(line) }
        context.say("")
        context.say(
            (vi ? "Tổng cộng: " : "Total: ") + "\(c.grandTotal.grouped()) đồng"
                + (vi
                    ? " (\(c.countedAgencies)/\(c.agencies.count) đơn vị)"
                    : " (\(c.countedAgencies)/\(c.agencies.count) agencies)"))
        if !c.unattributed.isEmpty {
            context.say(
                vi
                    ? "Tệp không xác định được đơn vị: \(c.unattributed.count) (xem báo cáo tiếp nhận)"
                    : "Files with no agency: \(c.unattributed.count) (see the intake report)")
        }
        for finding in c.findings {
            for line in FindingText.lines(finding, lang, terminal: context.terminal) { context.say(line) }
        }
    }
}

/// A plain-text table with columns padded to their widest cell (by characters).
enum TextTable {
    static func render(_ rows: [[String]], rightAligned: Set<Int> = []) -> [String] {
        let count = rows.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: count)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        return rows.map { row in
            row.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                return rightAligned.contains(i) ? pad + cell : cell + pad
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
    }
}

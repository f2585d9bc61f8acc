import BudgetCommandLine
import BudgetCore
import BudgetEngine
import Foundation

/// `budget status --round DIR`: who has submitted, who is late, who is missing.
enum StatusCommand: Command {
    static let spec = CommandSpec(
        name: "status",
        abstract: Localized(
            vi: "Tình hình đợt tổng hợp: đơn vị đã nộp, muộn, thiếu; tổng tiền; thời gian còn lại.",
            en: "The round's state: who has submitted, who is late or missing; totals; time left."),
        options: [
            CommonOptions.round, CommonOptions.format,
            OptionSpec(
                "agency", .value("CODE"),
                help: Localized(
                    vi: "Chỉ một đơn vị: mọi biên nhận của đơn vị, cũ trước, với các phát hiện.",
                    en: "One agency only: every receipt of the agency, oldest first, with its findings.")),
            OptionSpec(
                "verify", .flag,
                help: Localized(
                    vi:
                        "Kiểm tra trước tính toàn vẹn của đợt (kế hoạch, số biên nhận liên tục, tệp gốc, cơ sở dữ liệu).",
                    en: "First check the round's integrity (plan, receipt numbers, original files, database).")),
        ])

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws(EngineError) -> ExitStatus {
        let directory = arguments.value("round") ?? "."
        let asJSON = arguments.value("format") == "json"
        let verify = arguments.has("verify")
        if let code = arguments.value("agency") {
            let record = try Status().agency(code, roundDirectory: directory, verify: verify)
            if asJSON {
                context.terminal.print(ResultJSON.agency(record, context.language))
            } else {
                text(record, context)
            }
            return .done
        }
        let status = try Status().run(roundDirectory: directory, clock: try context.clock(), verify: verify)
        if asJSON {
            context.terminal.print(ResultJSON.status(status, context.language))
        } else {
            text(status, context)
        }
        return .done
    }

    /// `status --agency CODE`: the agency's state, then each receipt with its findings as
    /// `check` prints them.
    static func text(_ record: AgencyRecord, _ context: CommandContext) {
        let vi = context.language == .vi
        let lang = context.language
        let zone = record.plan.timeZone
        let a = record.status
        context.say(
            "\(a.agency.code) — \(a.agency.name): \(Labels.state(a.state, lang))"
                + (a.total.map { (vi ? ", tổng " : ", total ") + $0.grouped() + " đồng" } ?? ""))
        if record.receipts.isEmpty {
            context.say(vi ? "Chưa nhận tệp nào." : "No file received.")
        }
        for r in record.receipts {
            context.say("")
            var line =
                (vi ? "Biên nhận số \(r.receipt.id)" : "Receipt \(r.receipt.id)")
                + " — \(r.receipt.fileName) — \(ISOTime.human(r.receipt.receivedAt, in: zone, lang)) — "
                + Labels.decision(r.receipt.decision, lang)
            if r.counted { line += vi ? " — đang được tính" : " — counts" }
            context.say(line)
            if let void = r.receipt.voided {
                context.say(
                    "  " + (vi ? "ĐÃ HỦY: " : "VOID: ") + void.reason + " ("
                        + ISOTime.human(void.recordedAt, in: zone, lang) + ")")
            }
            context.say("  SHA-256: \(r.receipt.sha256)")
            for finding in r.findings {
                for text in FindingText.lines(finding, lang, terminal: context.terminal) { context.say("  " + text) }
            }
        }
    }

    static func text(_ s: RoundStatus, _ context: CommandContext) {
        let c = s.consolidation
        let vi = context.language == .vi
        let lang = context.language
        let zone = c.plan.timeZone
        context.say((vi ? "Kế hoạch: " : "Plan: ") + "\(c.plan.id) — \(c.plan.title)")
        if let period = c.plan.period {
            context.say((vi ? "Kỳ: " : "Period: ") + period.label(lang) + " (\(period.text))")
        }
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
                a.agency.code, a.agency.name, Labels.state(a.state, lang), received,
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

import BudgetCommandLine
import BudgetCore
import BudgetEngine

/// `budget void N --round DIR --reason TEXT`: annul a receipt recorded by mistake.
enum VoidCommand: Command {
    static let spec = CommandSpec(
        name: "void",
        abstract: Localized(
            vi: "Hủy một biên nhận ghi nhầm (nhầm đơn vị, nhầm tệp); vẫn lưu trong sổ, không bao giờ xóa.",
            en: "Annul a receipt recorded by mistake (wrong agency, wrong file); kept on record, never deleted."),
        discussion: Localized(
            vi:
                "Biên nhận bị hủy không được tính; trạng thái của đơn vị tính lại như chưa nhận tệp đó. Mã thoát: 0 đã hủy, 2 không có biên nhận này hoặc đã hủy rồi, 4 lỗi kho dữ liệu.",
            en:
                "A void receipt never counts; the agency's state is recomputed as if the file had not been received. Exit codes: 0 voided, 2 no such receipt or already void, 4 store error."
        ),
        options: [
            CommonOptions.round,
            OptionSpec(
                "reason", .value("TEXT"),
                help: Localized(vi: "Lý do hủy (bắt buộc).", en: "Why the receipt is annulled (required).")),
        ],
        positionals: [PositionalSpec("N", help: Localized(vi: "Số biên nhận.", en: "The receipt number."))])

    static let changesRound = true

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws(EngineError) -> ExitStatus {
        let text = arguments.positionals[0]
        guard let number = Int64(text), number > 0 else {
            throw EngineError(
                .usage,
                Localized(
                    vi: "số biên nhận «\(text)» không hợp lệ: cần một số nguyên dương",
                    en: "invalid receipt number \"\(text)\": expected a positive whole number"))
        }
        guard let reason = arguments.value("reason") else {
            throw EngineError(.usage, Localized(vi: "cần --reason LÝ-DO", en: "--reason TEXT is required"))
        }
        let result = try VoidReceipt().run(
            number: number, reason: reason, roundDirectory: arguments.value("round") ?? ".",
            clock: try context.clock())
        context.journal.committed.append(
            Localized(vi: "việc hủy biên nhận số \(number)", en: "the annulment of receipt \(number)"))
        let lang = context.language
        let vi = lang == .vi
        let receipt = result.receipt
        context.say(
            (vi ? "Đã hủy biên nhận số \(receipt.id)" : "Receipt \(receipt.id) is void") + " — \(receipt.fileName)"
                + (receipt.agency.map { " (\($0))" } ?? ""))
        context.say("  " + (vi ? "Lý do: " : "Reason: ") + (receipt.voided?.reason ?? reason))
        if let before = result.stateBefore, let after = result.stateAfter, let agency = receipt.agency {
            context.say(
                "  " + (vi ? "Trạng thái của \(agency): " : "State of \(agency): ")
                    + "\(Labels.state(before, lang)) → \(Labels.state(after, lang))"
                    + (result.countedAfter.map {
                        vi ? " (tính biên nhận số \($0.id))" : " (receipt \($0.id) counts)"
                    } ?? ""))
        }
        context.say(
            "  "
                + (vi
                    ? "Biên nhận, tệp gốc và việc hủy vẫn lưu trong sổ; báo cáo tiếp nhận ghi «đã hủy»."
                    : "The receipt, its bytes and the annulment stay on record; the intake report shows it as void."))
        return .done
    }
}

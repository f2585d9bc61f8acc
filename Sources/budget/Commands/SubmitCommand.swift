import BudgetCommandLine
import BudgetCore
import BudgetEngine
import BudgetFormats
import Foundation

/// `budget submit FILE --round DIR …`: record a received file.
enum SubmitCommand: Command {
    static let spec = CommandSpec(
        name: "submit",
        abstract: Localized(
            vi: "Ghi nhận một tệp dự toán nhận được (lưu nguyên bản, quyết định chấp nhận/trả lại/từ chối).",
            en: "Record a received estimate file (kept byte for byte; accepted, returned or refused)."),
        discussion: Localized(
            vi: "Mã thoát: 0 chấp nhận, 1 trả lại để sửa, 2 dùng sai lệnh, 3 từ chối vì quá hạn, 4 lỗi kho dữ liệu.",
            en: "Exit codes: 0 accepted, 1 returned for correction, 2 usage error, 3 refused as late, 4 store error."),
        options: [
            CommonOptions.round, CommonOptions.agency,
            OptionSpec(
                "received-at", .value("TIME"),
                help: Localized(
                    vi: "Thời điểm thực nhận (ISO 8601) khi tệp đến qua đường khác; cần --note.",
                    en: "When the file really arrived (ISO 8601), by another channel; needs --note.")),
            OptionSpec(
                "note", .value("TEXT"),
                help: Localized(
                    vi: "Ghi chú (ví dụ: nhận qua thư điện tử).", en: "A note (for example: received by e-mail).")),
            OptionSpec(
                "accept-late", .flag,
                help: Localized(
                    vi: "Chấp nhận tệp nộp muộn theo ngoại lệ; cần --reason.",
                    en: "Accept a late file by exception; needs --reason.")),
            OptionSpec(
                "reason", .value("TEXT"),
                help: Localized(vi: "Lý do chấp nhận nộp muộn.", en: "Why the late file is accepted.")),
            CommonOptions.format, CommonOptions.encoding,
        ] + CommonOptions.limits,
        positionals: [PositionalSpec("FILE", help: Localized(vi: "Tệp nhận được.", en: "The file received."))])

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws(EngineError) -> Int32 {
        let request = SubmitRequest(
            path: arguments.positionals[0], read: try ReadOptionsParsing.parse(arguments),
            receivedAt: arguments.value("received-at"), note: arguments.value("note"),
            acceptLate: arguments.has("accept-late"), reason: arguments.value("reason"))
        let directory = arguments.value("round") ?? "."
        let result = try Submit().run(request, roundDirectory: directory, clock: try context.clock())
        if arguments.value("format") == "json" {
            context.terminal.print(json(result, context.language).render())
        } else {
            text(result, context)
        }
        return result.exitCode
    }

    static func json(_ r: SubmitResult, _ language: Language) -> OrderedJSON {
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
            ("note", .optional(r.receipt.note)),
            ("reason", .optional(r.receipt.reason)),
            ("findings", .array(r.check.findings.map { FindingText.json($0, language) })),
        ])
    }

    static func text(_ r: SubmitResult, _ context: CommandContext) {
        let vi = context.language == .vi
        let zone = r.plan.timeZone
        let lang = context.language
        for finding in r.check.findings {
            for line in FindingText.lines(finding, lang, terminal: context.terminal) { context.say(line) }
        }
        let receipt = r.receipt
        let simulated = receipt.clockKind == .simulated ? (vi ? " [đồng hồ mô phỏng]" : " [simulated clock]") : ""
        let decision: String
        switch receipt.decision {
        case .accepted: decision = context.terminal.colored(vi ? "CHẤP NHẬN" : "ACCEPTED", "1;32")
        case .acceptedLate:
            decision = context.terminal.colored(
                vi ? "CHẤP NHẬN NỘP MUỘN (ngoại lệ)" : "ACCEPTED LATE (exception)", "1;33")
        case .returned: decision = context.terminal.colored(vi ? "TRẢ LẠI ĐỂ SỬA" : "RETURNED FOR CORRECTION", "1;31")
        case .refusedLate:
            decision = context.terminal.colored(vi ? "TỪ CHỐI: NỘP SAU HẠN" : "REFUSED: AFTER THE DEADLINE", "1;31")
        }
        let agency =
            receipt.agency.flatMap { r.plan.agency(matching: $0) }.map { "\($0.code) (\($0.name))" }
            ?? (vi ? "không rõ" : "unknown")
        context.say(
            (vi ? "Biên nhận số \(receipt.id)" : "Receipt \(receipt.id)") + " — \(receipt.fileName): \(decision)")
        context.say("  " + (vi ? "Đơn vị:     " : "Agency:     ") + agency)
        context.say(
            "  " + (vi ? "Nhận lúc:   " : "Received:   ") + ISOTime.human(receipt.receivedAt, in: zone, lang)
                + simulated)
        if receipt.declaredAt != nil {
            context.say(
                "  " + (vi ? "Ghi sổ lúc: " : "Recorded:   ") + ISOTime.human(receipt.recordedAt, in: zone, lang))
        }
        let deadline = ISOTime.human(r.plan.deadline.shown, in: zone, lang)
        if r.onTime {
            context.say("  " + (vi ? "Hạn:        \(deadline) — đúng hạn" : "Deadline:   \(deadline) — on time"))
        } else {
            let late = DurationText.text(seconds: receipt.receivedAt.timeIntervalSince(r.plan.deadline.shown), lang)
            context.say(
                "  " + (vi ? "Hạn:        \(deadline) — muộn \(late)" : "Deadline:   \(deadline) — \(late) late"))
        }
        context.say("  SHA-256:    \(receipt.sha256)")
        let total = r.check.total.map { $0.grouped() + " đồng" } ?? "—"
        context.say(
            "  " + (vi ? "Số dòng:    \(r.check.lines); tổng \(total)" : "Lines:      \(r.check.lines); total \(total)")
        )
        if let note = receipt.note { context.say("  " + (vi ? "Ghi chú:    " : "Note:       ") + note) }
        if let reason = receipt.reason { context.say("  " + (vi ? "Lý do:      " : "Reason:     ") + reason) }
        if let earlier = r.supersedes {
            context.say(
                "  "
                    + (vi
                        ? "Thay thế biên nhận số \(earlier.id) (\(earlier.fileName)) trong tổng hợp."
                        : "Replaces receipt \(earlier.id) (\(earlier.fileName)) in the sums."))
        }
        if let duplicate = receipt.duplicateOf {
            context.say(
                "  "
                    + (vi
                        ? "Trùng nội dung với biên nhận số \(duplicate); tổng hợp không đổi."
                        : "Identical to receipt \(duplicate); the sums do not change."))
        }
        switch receipt.decision {
        case .refusedLate:
            context.say(
                "  "
                    + (vi
                        ? "Tệp đã được lưu nhưng không tính. Nếu được chấp nhận ngoại lệ: budget submit … --accept-late --reason \"…\""
                        : "The file is kept but does not count. If an exception is granted: budget submit … --accept-late --reason \"…\"")
            )
        case .returned:
            context.say(
                "  "
                    + (vi
                        ? "Tệp đã được lưu; gửi lại đơn vị để sửa các lỗi trên."
                        : "The file is kept; return it to the agency to correct the errors above."))
        default: break
        }
    }
}

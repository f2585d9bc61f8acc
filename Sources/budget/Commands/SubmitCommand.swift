import BudgetCommandLine
import BudgetCore
import BudgetEngine
import Foundation

/// `budget submit FILE... --round DIR …`: record received files, each its own receipt.
enum SubmitCommand: Command {
    static let spec = CommandSpec(
        name: "submit",
        abstract: Localized(
            vi: "Ghi nhận các tệp dự toán nhận được (lưu nguyên bản, quyết định chấp nhận/trả lại/từ chối).",
            en: "Record received estimate files (kept byte for byte; accepted, returned or refused)."),
        discussion: Localized(
            vi:
                "Mỗi tệp một biên nhận, theo thứ tự. Mã thoát (nặng nhất trong các tệp): 0 chấp nhận, 1 trả lại để sửa, 2 dùng sai lệnh (không ghi gì), 3 từ chối vì quá hạn, 4 lỗi kho dữ liệu.",
            en:
                "Each file its own receipt, in order. Exit code (the most serious of the files): 0 accepted, 1 returned for correction, 2 usage error (nothing recorded), 3 refused as late, 4 store error."
        ),
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
        positionals: [
            PositionalSpec(
                "FILE", help: Localized(vi: "Các tệp nhận được.", en: "The files received."), repeating: true)
        ])

    static let changesRound = true

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws(EngineError) -> ExitStatus {
        let request = SubmitRequest(
            paths: arguments.positionals, read: try ReadOptionsParsing.parse(arguments),
            receivedAt: arguments.value("received-at"), note: arguments.value("note"),
            acceptLate: arguments.has("accept-late"), reason: arguments.value("reason"))
        let directory = arguments.value("round") ?? "."
        let asJSON = arguments.value("format") == "json"
        let several = request.paths.count > 1
        var printed: [SubmitResult] = []
        var first = true
        var submit = Submit()
        // The crash sweeps (`.ci/fault-sweep`) make groups of a few small files, so that a
        // sweep of every system call stays short; not an option of the contract.
        if let text = ProcessInfo.processInfo.environment["BUDGET_SUBMIT_GROUP_FILES"], let files = Int(text),
            files > 0
        {
            submit.grouping.files = files
        }
        let outcome = try submit.run(request, roundDirectory: directory, clock: try context.clock()) { result in
            context.journal.committed.append(
                Localized(vi: "biên nhận số \(result.receipt.id)", en: "receipt \(result.receipt.id)"))
            if asJSON {
                printed.append(result)
            } else {
                if !first { context.say("") }
                first = false
                text(result, context)
            }
        } committed: {
            // The officer sees each group's receipts as soon as they are on record.
            if !asJSON { context.terminal.flush() }
        }
        if asJSON {
            context.terminal.print(ResultJSON.submit(printed, several: several, context.language))
        }
        if let failure = outcome.failure {
            Router.report(failure, command: spec.name, context)
            if !outcome.results.isEmpty {
                let numbers = outcome.results.map { String($0.receipt.id) }.joined(separator: ", ")
                context.warn(
                    context.text(
                        Localized(
                            vi: "Đã ghi nhận trước đó: biên nhận số \(numbers)",
                            en: "Recorded before that: receipt \(numbers)")))
            }
            if !outcome.unrecorded.isEmpty {
                context.warn(
                    context.text(
                        Localized(
                            vi: "Chưa ghi nhận: \(outcome.unrecorded.joined(separator: ", "))",
                            en: "Not recorded: \(outcome.unrecorded.joined(separator: ", "))")))
            }
        }
        return outcome.exitStatus
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
        let color =
            switch receipt.decision {
            case .accepted: "1;32"
            case .acceptedLate: "1;33"
            case .returned, .refusedLate: "1;31"
            }
        let decision = context.terminal.colored(Labels.decision(receipt.decision, lang).uppercased(), color)
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
            let sums =
                r.sumsChanged
                ? (vi ? "tổng hợp thay đổi: tệp này nay được tính." : "the sums change: this file counts now.")
                : (vi ? "tổng hợp không đổi." : "the sums do not change.")
            context.say(
                "  "
                    + (vi
                        ? "Trùng nội dung với biên nhận số \(duplicate); \(sums)"
                        : "Identical to receipt \(duplicate); \(sums)"))
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

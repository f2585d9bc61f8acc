import BudgetCommandLine
import BudgetCore
import BudgetEngine
import Foundation

/// `budget access --round DIR (--agency CODE | --all | --officer NAME) [--revoke]`: portal
/// access codes, printed once.
enum AccessCommand: Command {
    static let spec = CommandSpec(
        name: "access",
        abstract: Localized(
            vi: "Cấp (hoặc thu hồi) mã truy cập cổng tiếp nhận cho đơn vị hoặc cán bộ Sở.",
            en: "Issue (or revoke) portal access codes for agencies or the officer."),
        discussion: Localized(
            vi:
                "Mã mới chỉ in ra một lần; đợt chỉ lưu SHA-256 của mã. Cấp mã mới cho một đơn vị (hay một cán bộ) thì mã cũ hết hiệu lực. --all --slips TỆP.html --url ĐỊA-CHỈ ghi thêm phiếu in, mỗi đơn vị một trang A4. Mã thoát: 0 xong, 2 dùng sai lệnh, 4 lỗi kho dữ liệu.",
            en:
                "A new code is printed once; the round keeps only its SHA-256. A new code for an agency (or an officer) revokes its previous one. --all --slips FILE.html --url ADDRESS also writes printable slips, one A4 page per agency. Exit codes: 0 done, 2 usage error, 4 store error."
        ),
        options: [
            CommonOptions.round,
            OptionSpec(
                "agency", .value("CODE"),
                help: Localized(vi: "Mã cho một đơn vị.", en: "A code for one agency.")),
            OptionSpec(
                "all", .flag,
                help: Localized(vi: "Mã cho mọi đơn vị của kế hoạch.", en: "Codes for every agency of the plan.")),
            OptionSpec(
                "officer", .value("NAME"),
                help: Localized(
                    vi: "Mã cho cán bộ Sở tên NAME (mỗi tên một mã).", en: "A code for the officer NAME (one per name)."
                )),
            OptionSpec(
                "revoke", .flag,
                help: Localized(vi: "Thu hồi mã hiện có, không cấp mã mới.", en: "Revoke the current code; issue none.")
            ),
            OptionSpec(
                "slips", .value("FILE.html"),
                help: Localized(
                    vi: "Ghi phiếu in mã (HTML, mỗi đơn vị một trang A4); cần --url.",
                    en: "Write printable slips (HTML, one A4 page per agency); needs --url.")),
            OptionSpec(
                "url", .value("URL"),
                help: Localized(
                    vi: "Địa chỉ cổng in trên phiếu (ví dụ https://dutoan.sotttt.gov.vn).",
                    en: "The portal's address printed on the slips (e.g. https://estimates.example.gov.vn).")),
            CommonOptions.format,
        ])

    static let changesRound = true

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws(EngineError) -> ExitStatus {
        let targets: [AccessTarget] =
            (arguments.value("agency").map { [AccessTarget.agency($0)] } ?? [])
            + (arguments.has("all") ? [.allAgencies] : [])
            + (arguments.value("officer").map { [AccessTarget.officer($0)] } ?? [])
        guard targets.count == 1, let target = targets.first else {
            throw EngineError(
                .usage,
                Localized(
                    vi: "cần đúng một trong --agency MÃ, --all, --officer TÊN",
                    en: "exactly one of --agency CODE, --all, --officer NAME is needed"))
        }
        if arguments.value("url") != nil && arguments.value("slips") == nil {
            throw EngineError(.usage, Localized(vi: "--url chỉ dùng cùng --slips", en: "--url goes with --slips only"))
        }
        let slips = arguments.value("slips").map { SlipsRequest(path: $0, url: arguments.value("url") ?? "") }
        let outcome = try IssueAccess().run(
            target, revoke: arguments.has("revoke"), slips: slips, roundDirectory: arguments.value("round") ?? ".",
            clock: try context.clock())
        context.journal.committed.append(
            outcome.issued.isEmpty
                ? Localized(vi: "việc thu hồi mã", en: "the revocation")
                : Localized(
                    vi: "\(outcome.issued.count) mã truy cập (chỉ in một lần)",
                    en: "\(outcome.issued.count) access codes (printed once)"))
        if arguments.value("format") == "json" {
            if case .allAgencies = target {
                context.terminal.print(ResultJSON.access(outcome, several: !outcome.issued.isEmpty))
            } else {
                context.terminal.print(ResultJSON.access(outcome, several: false))
            }
            return .done
        }
        let vi = context.language == .vi
        if outcome.issued.isEmpty {
            context.say(
                vi
                    ? "Đã thu hồi \(outcome.revoked) mã (\(outcome.subjects.joined(separator: ", "))); không cấp mã mới."
                    : "Revoked \(outcome.revoked) code(s) (\(outcome.subjects.joined(separator: ", "))); no new code.")
            return .done
        }
        let width = (outcome.issued.map { $0.subject.count }.max() ?? 4) + 2
        for issued in outcome.issued {
            let label = issued.subject + String(repeating: " ", count: max(1, width - issued.subject.count))
            context.say(
                issued.role == .officer ? "\(issued.code)  \(issued.subject)" : "\(label)\(issued.code)  \(issued.name)"
            )
        }
        context.warn(
            vi
                ? "Mã chỉ in một lần (đợt chỉ lưu SHA-256); \(outcome.revoked) mã cũ đã hết hiệu lực."
                    + (outcome.slips.map { " Phiếu in: \($0)." } ?? "")
                : "Codes are printed once (the round keeps only their SHA-256); \(outcome.revoked) earlier code(s) no longer work."
                    + (outcome.slips.map { " Slips: \($0)." } ?? ""))
        return .done
    }
}

import BudgetCommandLine
import BudgetCore
import BudgetEngine
import Foundation

/// What every command gets: the reader's language, the terminal, the environment, and a
/// journal of what it committed.
struct CommandContext {
    let language: Language
    let terminal: Terminal
    let environment: [String: String]
    let journal = Journal()

    /// What a command has committed to the round so far ("biên nhận số 2"), so that a
    /// failure afterwards (standard output cannot be written) still says it truthfully.
    final class Journal {
        var committed: [Localized] = []
    }

    /// The clock: `BUDGET_NOW` (simulated) or the system clock.
    func clock() throws(EngineError) -> ClockSetting {
        guard let text = environment["BUDGET_NOW"], !text.isEmpty else { return .system }
        guard let parsed = ISOTime.parse(text) else {
            throw EngineError(
                .usage,
                Localized(
                    vi: "BUDGET_NOW «\(text)» không phải thời điểm ISO 8601 (ví dụ 2020-03-09T10:00:00+07:00)",
                    en: "BUDGET_NOW \"\(text)\" is not an ISO 8601 time (for example 2020-03-09T10:00:00+07:00)"))
        }
        return ClockSetting(simulated: parsed)
    }

    func say(_ text: String) { terminal.print(text) }
    func warn(_ text: String) { terminal.error(text) }
    func text(_ localized: Localized) -> String { localized.text(language) }
}

/// One subcommand: its spec (which drives parsing and `--help`) and its run.
protocol Command {
    static var spec: CommandSpec { get }
    /// Whether the command records anything in a round (then a failure to print its result
    /// must not read as "nothing was done").
    static var changesRound: Bool { get }
    /// Runs with scanned arguments; returns the exit status. Environment failures are thrown.
    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws(EngineError) -> ExitStatus
}

extension Command {
    static var changesRound: Bool { false }
}

/// Options several commands share, defined once.
enum CommonOptions {
    static let format = OptionSpec(
        "format", .value("FORMAT"),
        help: Localized(vi: "Định dạng kết quả.", en: "Output format."), choices: ["text", "json"])
    static let round = OptionSpec(
        "round", .value("DIR"),
        help: Localized(
            vi: "Thư mục đợt tổng hợp (mặc định: thư mục hiện tại).",
            en: "The round directory (default: the current directory)."))
    static let plan = OptionSpec(
        "plan", .value("PLAN.json"), help: Localized(vi: "Tệp kế hoạch.", en: "The plan file."))
    static let agency = OptionSpec(
        "agency", .value("CODE"),
        help: Localized(
            vi: "Mã đơn vị gửi (nếu tệp không ghi).", en: "The sending agency's code (if the file does not say)."))
    static let encoding = OptionSpec(
        "encoding", .value("NAME"),
        help: Localized(
            vi: "Bảng mã của tệp, bỏ qua tự nhận biết: utf-8, utf-16le, utf-16be, windows-1258, tcvn3.",
            en: "The file's encoding, overriding detection: utf-8, utf-16le, utf-16be, windows-1258, tcvn3."))
    static let limits: [OptionSpec] = [
        OptionSpec(
            "max-file-size", .value("BYTES"),
            help: Localized(vi: "Giới hạn kích thước tệp (mặc định 64 MiB).", en: "File size limit (default 64 MiB).")),
        OptionSpec(
            "max-field-size", .value("BYTES"),
            help: Localized(vi: "Giới hạn độ dài một ô (mặc định 64 KiB).", en: "Field length limit (default 64 KiB).")),
        OptionSpec(
            "max-columns", .value("N"),
            help: Localized(vi: "Giới hạn số cột (mặc định 256).", en: "Column limit (default 256).")),
        OptionSpec(
            "max-rows", .value("N"),
            help: Localized(vi: "Giới hạn số dòng (mặc định 2 000 000).", en: "Row limit (default 2 000 000).")),
    ]
}

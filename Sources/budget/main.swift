import BudgetCommandLine
import BudgetCore
import BudgetEngine
import Foundation

/// Routes `budget [--lang vi|en] COMMAND ...` to one command and maps failures to exit
/// codes, once: usage 2, environment 4. No business rule lives here.
enum Router {
    /// Every command, in the order `--help` lists them: the one list routing reads.
    ///
    /// Computed, not stored: metatypes of a protocol are not `Sendable`, and a stored
    /// global of them would be shared mutable state to Swift 6.
    static var commands: [any Command.Type] {
        [
            InitCommand.self, TemplateCommand.self, CheckCommand.self, SubmitCommand.self, StatusCommand.self,
            VoidCommand.self, PackageCommand.self, ExportCommand.self, AccessCommand.self, ServeCommand.self,
            DemoCommand.self,
        ]
    }

    static func main(_ argv: [String]) -> Int32 {
        let environment = ProcessInfo.processInfo.environment
        var arguments = Array(argv.dropFirst())
        var language = Language.fromEnvironment(environment["LANG"])
        do {
            language = try GlobalOptions.extractLanguage(&arguments) ?? language
        } catch {
            Terminal.shared.error("budget: " + error.message.text(language))
            return ExitStatus.usage.rawValue
        }
        let terminal = Terminal.shared
        defer { terminal.flush() }
        let context = CommandContext(language: language, terminal: terminal, environment: environment)
        guard let name = arguments.first, name != "--help", name != "-h", name != "help" else {
            terminal.print(overview(language))
            return (arguments.isEmpty ? ExitStatus.usage : .done).rawValue
        }
        if name == "--version" {
            terminal.print("budget \(BudgetVersion.current)")
            return ExitStatus.done.rawValue
        }
        guard let command = commands.first(where: { $0.spec.name == name }) else {
            let near = Suggest.nearest(name, in: commands.map { $0.spec.name })
            let hint = near.map { language == .vi ? "; có phải «\($0)»?" : "; did you mean \"\($0)\"?" } ?? ""
            terminal.error(
                "budget: " + (language == .vi ? "lệnh không tồn tại «\(name)»" : "unknown command \"\(name)\"") + hint)
            return ExitStatus.usage.rawValue
        }
        var status: ExitStatus
        do {
            let parsed = try ArgumentScanner.scan(Array(arguments.dropFirst()), for: command.spec)
            if parsed.wantsHelp {
                terminal.print(HelpFormatter.render(command.spec, language))
                return ExitStatus.done.rawValue
            }
            status = try command.run(parsed, context)
        } catch let error as UsageError {
            terminal.error("budget \(name): \(error.message.text(language))")
            status = .usage
        } catch let error as EngineError {
            report(error, command: name, context)
            status = error.exitStatus
        } catch {
            // Not reachable: commands throw only engine and usage errors. Said all the same.
            terminal.error(
                "budget \(name): "
                    + (language == .vi
                        ? "lỗi không lường trước (hãy báo lại): " : "unexpected error (please report it): ")
                    + String(describing: type(of: error)))
            status = .environment
        }
        terminal.flush()
        if let code = terminal.outputError {
            outputFailed(code, command: command, context)
            status = max(status, .environment)
        }
        return status.rawValue
    }

    /// Standard output could not be written (a full disk, a closed device): exit 4, and a
    /// message that is true whatever the command did — what it committed stands.
    static func outputFailed(_ code: Int32, command: any Command.Type, _ context: CommandContext) {
        let why = SystemErrorText.describe(code)
        let committed = context.journal.committed
        let message: Localized
        if !committed.isEmpty {
            let vi = committed.map(\.vi).joined(separator: ", ")
            let en = committed.map(\.en).joined(separator: ", ")
            message = Localized(
                vi:
                    "đã ghi nhận \(vi), nhưng không ghi được kết quả ra đầu ra chuẩn (\(why.vi)); xem lại bằng «budget status»",
                en:
                    "recorded \(en), but the result could not be written to standard output (\(why.en)); see \"budget status\""
            )
        } else if command.changesRound {
            message = Localized(
                vi:
                    "không ghi được kết quả ra đầu ra chuẩn (\(why.vi)); xem lại bằng «budget status» những gì đã ghi nhận",
                en:
                    "could not write the result to standard output (\(why.en)); see \"budget status\" for what was recorded"
            )
        } else {
            message = Localized(
                vi: "không ghi được kết quả ra đầu ra chuẩn (\(why.vi))",
                en: "could not write the result to standard output (\(why.en))")
        }
        let label = context.language == .vi ? "lỗi" : "error"
        context.terminal.error("budget \(command.spec.name): \(label): \(message.text(context.language))")
    }

    static func report(_ error: EngineError, command: String, _ context: CommandContext) {
        let label = context.language == .vi ? "lỗi" : "error"
        context.warn(
            "budget \(command): \(context.terminal.colored(label, "1;31")): \(error.message.text(context.language))")
        for detail in error.details { context.warn("  " + detail.text(context.language)) }
    }

    static func overview(_ language: Language) -> String {
        var out =
            language == .vi
            ? "Cách dùng: budget [--lang vi|en] LỆNH ...\n\nTổng hợp dự toán kinh phí của các đơn vị theo kế hoạch.\n\nCác lệnh:\n"
            : "Usage: budget [--lang vi|en] COMMAND ...\n\nConsolidates agencies' cost estimates for a plan.\n\nCommands:\n"
        let width = (commands.map { $0.spec.name.count }.max() ?? 8) + 2
        for c in commands {
            out +=
                "  " + c.spec.name + String(repeating: " ", count: width - c.spec.name.count)
                + c.spec.abstract.text(language) + "\n"
        }
        out +=
            language == .vi
            ? "\nXem «budget LỆNH --help» để biết chi tiết từng lệnh."
            : "\nSee \"budget COMMAND --help\" for each command."
        return out
    }
}

exit(Router.main(CommandLine.arguments))

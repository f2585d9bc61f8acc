import BudgetCommandLine
import BudgetCore
import BudgetEngine
import Foundation

/// Routes `budget [--lang vi|en] COMMAND ...` to one command and maps failures to exit
/// codes, once: usage 2, environment 4. No business rule lives here.
enum Router {
    /// Computed, not stored: metatypes of a protocol are not `Sendable`, and a stored
    /// global of them would be shared mutable state to Swift 6.
    static var commands: [any Command.Type] {
        [
            InitCommand.self, TemplateCommand.self, CheckCommand.self, SubmitCommand.self, StatusCommand.self,
            PackageCommand.self, ExportCommand.self, DemoCommand.self,
        ]
    }

    static func main(_ argv: [String]) -> Int32 {
        let environment = ProcessInfo.processInfo.environment
        var arguments = Array(argv.dropFirst())
        var language = Language.fromEnvironment(environment["LANG"])
        // --lang may come first (global) or anywhere: take it out wherever it is.
        var k = 0
        while k < arguments.count {
            let a = arguments[k]
            var value: String? = nil
            if a == "--lang", k + 1 < arguments.count {
                value = arguments[k + 1]
                arguments.removeSubrange(k...(k + 1))
            } else if a.hasPrefix("--lang=") {
                value = String(a.dropFirst(7))
                arguments.remove(at: k)
            } else if a == "--" {
                break
            } else {
                k += 1
                continue
            }
            guard let value, let chosen = Language(rawValue: value) else {
                Terminal.shared.error("budget: --lang: vi | en")
                return 2
            }
            language = chosen
        }
        let terminal = Terminal.shared
        defer { terminal.flush() }
        let context = CommandContext(language: language, terminal: terminal, environment: environment)
        guard let name = arguments.first, name != "--help", name != "-h", name != "help" else {
            terminal.print(overview(language))
            return arguments.isEmpty ? 2 : 0
        }
        if name == "--version" {
            terminal.print("budget \(BudgetVersion.current)")
            return 0
        }
        guard let command = commands.first(where: { $0.spec.name == name }) else {
            let near = Suggest.nearest(name, in: commands.map { $0.spec.name })
            let hint = near.map { language == .vi ? "; có phải «\($0)»?" : "; did you mean \"\($0)\"?" } ?? ""
            terminal.error(
                "budget: " + (language == .vi ? "lệnh không tồn tại «\(name)»" : "unknown command \"\(name)\"") + hint)
            return 2
        }
        do {
            let parsed = try ArgumentScanner.scan(Array(arguments.dropFirst()), for: command.spec)
            if parsed.wantsHelp {
                terminal.print(HelpFormatter.render(command.spec, language))
                return 0
            }
            let status = try command.run(parsed, context)
            terminal.flush()
            if let code = terminal.outputError {
                let reason = String(cString: strerror(code))
                terminal.error(
                    "budget \(name): "
                        + (language == .vi
                            ? "không ghi được kết quả ra đầu ra chuẩn (\(reason)); việc đã làm vẫn giữ nguyên, xem lại bằng «budget status»"
                            : "could not write the result to standard output (\(reason)); what was done stands, see \"budget status\"")
                )
                return status == 0 ? 4 : status
            }
            return status
        } catch let error as UsageError {
            terminal.error("budget \(name): \(error.message.text(language))")
            return 2
        } catch let error as EngineError {
            report(error, command: name, context)
            return error.exitCode
        } catch {
            terminal.error("budget \(name): \(error)")
            return 4
        }
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

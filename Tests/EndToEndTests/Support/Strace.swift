import Foundation

/// Runs `budget` under `strace -e inject=…` (strace's fault injection: `error=E` or `signal=KILL` `when=N`).
enum Strace {
    /// What one injected run did.
    struct Run {
        var result: Binary.Result
        /// Whether the command reached the N-th call (so the fault fired).
        var reached: Bool
        var killed: Bool { result.status == 128 + 9 }
    }

    /// Runs `budget ARGUMENTS`, failing (`error=EIO`, `error=ENOSPC`) or killing
    /// (`signal=KILL`) its `n`-th call of `syscall`.
    static func run(
        _ arguments: [String], syscall: String, action: String, n: Int, now: String? = KonTum.beforeDeadline
    ) throws -> Run {
        guard let strace = Program.strace else { throw SQLiteShell.Failure(description: "strace is not installed") }
        let trace = FileManager.default.temporaryDirectory.appendingPathComponent("budget-e2e-trace-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: trace) }
        let result = try Program.run(
            strace,
            [
                "-f", "-o", trace, "-e", "trace=\(syscall)", "-e", "inject=\(syscall):\(action):when=\(n)",
                Binary.url.path,
            ]
                + arguments,
            environment: Program.budgetEnvironment(now: now))
        let log = (try? String(contentsOfFile: trace, encoding: .utf8)) ?? ""
        let reached = action.hasPrefix("signal=") ? log.contains("killed by SIG") : log.contains("(INJECTED)")
        return Run(result: result, reached: reached)
    }
}

import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Standard output and error, colour only on a terminal.
///
/// Diagnostics go to standard error and results to standard output, so that
/// `budget check --format json … > out.json` captures only the JSON. A closed pipe
/// (`budget status | head -1`) is the reader's choice, not a failure: output stops, quietly,
/// but the command finishes its work and ends with its own exit code — `submit A B C |
/// head -1` still records all three files and exits with the most serious outcome.
final class Terminal: @unchecked Sendable {
    static let shared = Terminal()

    let stdoutIsTTY: Bool
    let stderrIsTTY: Bool
    private var out: [UInt8] = []
    /// The error of the first failed write to standard output (other than a closed pipe):
    /// the command must not report success when its result never reached its reader.
    private(set) var outputError: Int32? = nil
    /// Whether standard output's reader has gone (a closed pipe): nothing more is written.
    private(set) var readerGone = false

    private init() {
        signal(SIGPIPE, SIG_IGN)
        stdoutIsTTY = isatty(1) == 1
        stderrIsTTY = isatty(2) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }

    /// Appends to standard output (buffered; flushed at exit or when large).
    func print(_ text: String) {
        out.append(contentsOf: text.utf8)
        out.append(10)
        if out.count > 1 << 16 { flush() }
    }

    /// Writes raw bytes to standard output.
    func write(_ bytes: [UInt8]) {
        out.append(contentsOf: bytes)
        if out.count > 1 << 16 { flush() }
    }

    /// Writes a line to standard error at once.
    func error(_ text: String) {
        flush()
        writeAll(2, Array((text + "\n").utf8))
    }

    /// Writes to standard error without a newline (progress redraws).
    func rawError(_ text: String) {
        writeAll(2, Array(text.utf8))
    }

    func flush() {
        guard !out.isEmpty else { return }
        writeAll(1, out)
        out.removeAll(keepingCapacity: true)
    }

    private func writeAll(_ fd: Int32, _ bytes: [UInt8]) {
        if fd == 1 && (readerGone || outputError != nil) { return }
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                #if canImport(Glibc)
                    return Glibc.write(fd, base, raw.count)
                #else
                    return Darwin.write(fd, base, raw.count)
                #endif
            }
            if n < 0 {
                if errno == EINTR { continue }
                if errno == EPIPE && fd == 1 {
                    readerGone = true
                    return
                }
                if fd == 1 && outputError == nil { outputError = errno }
                return
            }
            offset += n
        }
    }

    /// `text` in a colour (ANSI SGR code) when standard error is a terminal.
    func colored(_ text: String, _ code: String) -> String {
        stderrIsTTY ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}

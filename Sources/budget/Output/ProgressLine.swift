import BudgetCore
import BudgetEngine

/// Progress of long work on one line of standard error, redrawn in place — only when
/// standard error is a terminal, so logs and scripts get no control characters.
final class ProgressLine {
    let terminal: Terminal
    let language: Language
    private var shown = false

    init(terminal: Terminal, language: Language) {
        self.terminal = terminal
        self.language = language
    }

    func update(_ event: ProgressEvent) {
        guard terminal.stderrIsTTY else { return }
        let text =
            language == .vi
            ? "đang ghi \(event.item): \(event.done)/\(event.total)"
            : "writing \(event.item): \(event.done)/\(event.total)"
        terminal.flush()
        terminal.rawError("\r\u{1B}[2K" + text)
        shown = true
    }

    func end() {
        guard shown else { return }
        terminal.rawError("\r\u{1B}[2K")
        shown = false
    }
}

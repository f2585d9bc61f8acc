import BudgetCore

/// Findings as people and scripts read them.
enum FindingText {
    /// `FILE:LINE: error[code]: message` and an indented hint line, compiler style.
    ///
    /// The `severity[code]` part stays in English in both languages so that scripts and
    /// `grep` can rely on it; the message and hint follow the reader's language.
    static func lines(_ finding: Finding, _ language: Language, terminal: Terminal) -> [String] {
        var place = finding.file ?? ""
        if let line = finding.line { place += ":\(line)" }
        let label = "\(finding.severity.rawValue)[\(finding.code.rawValue)]"
        let colored: String
        switch finding.severity {
        case .error: colored = terminal.colored(label, "1;31")
        case .warning: colored = terminal.colored(label, "1;33")
        case .info: colored = terminal.colored(label, "1;36")
        }
        let prefix = place.isEmpty ? "" : place + ": "
        var out = ["\(prefix)\(colored): \(finding.message(language))"]
        if let hint = finding.hint(language) {
            out.append("    " + (language == .vi ? "gợi ý: " : "hint: ") + hint)
        }
        return out
    }

    /// "3 lỗi, 1 cảnh báo" / "3 errors, 1 warning".
    static func counts(_ findings: [Finding], _ language: Language) -> String {
        let errors = findings.filter { $0.severity == .error }.count
        let warnings = findings.filter { $0.severity == .warning }.count
        if language == .vi { return "\(errors) lỗi, \(warnings) cảnh báo" }
        return "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
    }
}

import BudgetCore

/// Renders `--help` from a ``CommandSpec``, in the reader's language.
public enum HelpFormatter {
    /// The help text: usage line, abstract, discussion, positionals and options aligned.
    public static func render(_ spec: CommandSpec, program: String = "budget", _ language: Language) -> String {
        var usage = "\(program) \(spec.name)"
        for p in spec.positionals {
            let shown = p.repeating ? "\(p.name)..." : p.name
            usage += p.optional ? " [\(shown)]" : " \(shown)"
        }
        if !spec.options.isEmpty { usage += language == .vi ? " [tùy chọn]" : " [options]" }
        var out = (language == .vi ? "Cách dùng: " : "Usage: ") + usage + "\n\n"
        out += spec.abstract.text(language) + "\n"
        if let discussion = spec.discussion { out += "\n" + discussion.text(language) + "\n" }
        var rows: [(String, String)] = spec.positionals.map { ($0.name, $0.help.text(language)) }
        let positionalCount = rows.count
        for o in spec.options {
            var left = o.short.map { "-\($0), " } ?? "    "
            left += "--\(o.name)"
            if let valueName = o.valueName { left += " \(valueName)" }
            var help = o.help.text(language)
            if !o.choices.isEmpty { help += " (\(o.choices.joined(separator: "|")))" }
            rows.append((left, help))
        }
        rows.append(("-h, --help", language == .vi ? "In trợ giúp này." : "Show this help."))
        let width = min(30, rows.map { $0.0.count }.max() ?? 0)
        func line(_ row: (String, String)) -> String {
            let pad = max(1, width - row.0.count + 2)
            return "  " + row.0 + String(repeating: " ", count: pad) + row.1 + "\n"
        }
        if positionalCount > 0 {
            out += "\n" + (language == .vi ? "Đối số:" : "Arguments:") + "\n"
            for row in rows[..<positionalCount] { out += line(row) }
        }
        out += "\n" + (language == .vi ? "Tùy chọn:" : "Options:") + "\n"
        for row in rows[positionalCount...] { out += line(row) }
        return out
    }
}

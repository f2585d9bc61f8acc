import BudgetCore

/// Durations as people say them: "1 ngày 13 giờ 20 phút" / "1 day 13 h 20 min".
public enum DurationText {
    public static func text(seconds: Double, _ language: Language) -> String {
        var rest = Int(seconds.rounded(.down))
        let days = rest / 86_400
        rest %= 86_400
        let hours = rest / 3_600
        rest %= 3_600
        let minutes = rest / 60
        var parts: [String] = []
        if language == .vi {
            if days > 0 { parts.append("\(days) ngày") }
            if hours > 0 { parts.append("\(hours) giờ") }
            if minutes > 0 || parts.isEmpty { parts.append("\(minutes) phút") }
        } else {
            if days > 0 { parts.append("\(days) day\(days == 1 ? "" : "s")") }
            if hours > 0 { parts.append("\(hours) h") }
            if minutes > 0 || parts.isEmpty { parts.append("\(minutes) min") }
        }
        return parts.joined(separator: " ")
    }
}

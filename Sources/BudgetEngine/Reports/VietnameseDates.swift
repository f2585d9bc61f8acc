import BudgetCore
import Foundation

/// Dates as Vietnamese administrative documents write them.
enum VietnameseDates {
    /// "Kon Tum, ngày 05 tháng 3 năm 2020": days below 10 and months 1 and 2 take a
    /// leading zero (Nghị định 30/2020/NĐ-CP, thể thức địa danh và thời gian).
    static func placeAndDate(_ place: String?, _ instant: Date, zone: TimeZone) -> String {
        let l = LocalDateTime(instant, in: zone)
        let day = l.day < 10 ? "0\(l.day)" : "\(l.day)"
        let month = l.month <= 2 ? "0\(l.month)" : "\(l.month)"
        let date = "ngày \(day) tháng \(month) năm \(l.year)"
        guard let place, !place.isEmpty else { return date.prefix(1).uppercased() + date.dropFirst() }
        return "\(place), \(date)"
    }

    /// "09:15 ngày 05/03/2020".
    static func short(_ instant: Date, zone: TimeZone) -> String {
        let l = LocalDateTime(instant, in: zone)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(two(l.hour)):\(two(l.minute)) ngày \(two(l.day))/\(two(l.month))/\(l.year)"
    }
}

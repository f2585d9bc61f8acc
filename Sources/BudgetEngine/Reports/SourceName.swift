import BudgetCore
import BudgetStore

/// The names the original files take in the package.
enum SourceName {
    /// `nguon/0003-DPTTH-dai-phat-thanh.txt`: receipt number, agency, the file's name in
    /// ASCII — at most ``maxNameBytes`` bytes, the longest name file systems take: a long
    /// name loses the end of its stem, never the number, the agency or the extension.
    static func name(_ receipt: StoredReceipt) -> String {
        let number = String(receipt.id)
        let padded = String(repeating: "0", count: max(0, 4 - number.count)) + number
        var name = ""
        for ch in Folding.key(receipt.fileName).replacingOccurrences(of: " ", with: "-") {
            name.append(ch.isASCII && (ch.isLetter || ch.isNumber || ch == "." || ch == "-" || ch == "_") ? ch : "-")
        }
        if name.isEmpty || name.hasPrefix(".") { name = "tep" + name }
        let prefix = "\(padded)-\(receipt.agency ?? "KHONG-RO")-"
        var stem = Substring(name)
        var ext = Substring("")
        if let dot = name.lastIndex(of: "."), dot != name.startIndex, name.distance(from: dot, to: name.endIndex) <= 10
        {
            stem = name[..<dot]
            ext = name[dot...]
        }
        let room = max(1, maxNameBytes - prefix.utf8.count - ext.utf8.count)
        return prefix + String(stem.prefix(room)) + ext
    }

    /// The longest file name most file systems take (ext4, NTFS, APFS), in bytes.
    static let maxNameBytes = 255
}

import BudgetCore

/// Folds names for matching, with a cheap path for ASCII.
///
/// `Folding.key` decomposes with Foundation; header and key-row matching call this on
/// every cell above the table (and the separator sniffer on a few rows per candidate), so
/// ASCII cells are lowered and their spaces collapsed by hand.
enum NameFolding {
    static func key(_ text: String) -> String {
        var ascii = true
        for byte in text.utf8 where byte >= 0x80 {
            ascii = false
            break
        }
        guard ascii else { return Folding.key(text) }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for byte in text.utf8 {
            if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace {
                out.append(0x20)
                pendingSpace = false
            }
            out.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
        }
        return String(decoding: out, as: UTF8.self)
    }
}

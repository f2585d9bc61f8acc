import BudgetCore

/// OLE2 compound files ([MS-CFB]): an Excel 97–2003 `.xls`, or an `.xlsx` protected by a
/// password — Excel encrypts the whole package into a compound file holding the streams
/// `EncryptionInfo` and `EncryptedPackage` ([MS-OFFCRYPTO] §2.3.4).
enum CompoundFile {
    static let signature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    /// The directory entry name `EncryptedPackage` (UTF-16LE, NUL-terminated) and its
    /// length field (34 bytes, terminator included).
    private static let encryptedName: [UInt8] = Array("EncryptedPackage".utf16).flatMap {
        [UInt8($0 & 0xFF), UInt8($0 >> 8)]
    }

    /// Whether the file holds an `EncryptedPackage` stream: a directory entry with that
    /// name. Directory entries are 128 bytes, in sectors of 512 or 4 096 bytes after a
    /// 512-byte header, so every entry starts at a multiple of 128; only those offsets are
    /// looked at, which also keeps a cell's text in an `.xls` from passing for one.
    static func isEncryptedPackage(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let name = encryptedName
        var at = 512
        while at + 128 <= bytes.count {
            if bytes[at] == name[0], bytes[at + 64] == 34, bytes[at + 65] == 0 {
                var same = true
                for k in 1..<name.count where bytes[at + k] != name[k] {
                    same = false
                    break
                }
                if same && bytes[at + name.count] == 0 && bytes[at + name.count + 1] == 0 { return true }
            }
            at += 128
        }
        return false
    }

    /// The finding for a compound file: encrypted workbook, or a spreadsheet (XLS) that is
    /// not read.
    static func finding(_ bytes: UnsafeBufferPointer<UInt8>) -> Finding {
        if isEncryptedPackage(bytes) { return WorkbookProblem(.encrypted, "").finding() }
        return Finding(.unreadableEncoding, value: "OLE2 (XLS)", variant: "spreadsheet")
    }
}

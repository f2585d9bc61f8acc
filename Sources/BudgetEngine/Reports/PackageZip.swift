import BudgetCore
import BudgetFormats
import Foundation

/// The package as one ZIP beside its folder.
enum PackageZip {
    /// The package as one ZIP beside the folder: the manifest first, then the files in
    /// path order, all with the generation time (so the same round and clock give the
    /// same bytes).
    ///
    /// Members are deflated at level 1 (``ZipCompression/fast``), on a second thread while
    /// the next megabyte is read, except the workbook: an `.xlsx` is itself a ZIP of
    /// deflated parts, so it is stored — compressing it again would cost time and save
    /// nothing.
    static func write(_ dir: String, files: [PackageFile], to sink: FileSink, modified: DOSDateTime) throws {
        var zip = ZipWriter(sink: sink, modified: modified, compressesInBackground: true)
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        for name in ["manifest.json"] + files.map(\.path) {
            try zip.beginEntry(name, compression: name.hasSuffix(".xlsx") ? .stored : .fast)
            var source = try LocalFileSystem().open((dir as NSString).appendingPathComponent(name))
            defer { source.close() }
            while true {
                let n = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
                if n == 0 { break }
                try buffer.withUnsafeBytes { try zip.write(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
            }
            try zip.endEntry()
        }
        try zip.finish()
    }
}

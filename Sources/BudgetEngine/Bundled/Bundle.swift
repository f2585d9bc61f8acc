import Foundation

/// The files compiled into the binary (see `.ci/embed`), decoded on demand.
public enum Bundled {
    /// The bytes of a bundled file, by its repository path ("Examples/submissions/so-van-hoa.csv").
    public static func file(_ path: String) -> [UInt8]? {
        guard let text = BundledFiles.base64[path] else { return nil }
        let joined = text.split(separator: "\n").joined()
        return Data(base64Encoded: joined).map { [UInt8]($0) }
    }

    /// Every bundled path, sorted.
    public static var paths: [String] { BundledFiles.base64.keys.sorted() }

    /// A bundled layout as text.
    static func layout(_ name: String) -> String? {
        file("Templates/layouts/" + name).map { String(decoding: $0, as: UTF8.self) }
    }
}

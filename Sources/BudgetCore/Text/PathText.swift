/// Paths as text, split without Foundation: `NSString.deletingLastPathComponent` traps on a
/// one-character path ("q") in the toolchain's Foundation, and `--out q` is a fair thing
/// for a user to type.
public enum PathText {
    /// The folder part of `path` (POSIX `dirname`): "a/b" → "a", "b" → ".", "/b" → "/",
    /// trailing slashes ignored.
    public static func parent(_ path: String) -> String {
        var scalars = Array(path.unicodeScalars)
        while scalars.count > 1 && scalars.last == "/" { scalars.removeLast() }
        guard let slash = scalars.lastIndex(of: "/") else { return "." }
        var end = slash
        while end > 0 && scalars[end - 1] == "/" { end -= 1 }
        if end == 0 { return "/" }
        return String(String.UnicodeScalarView(scalars[..<end]))
    }
}

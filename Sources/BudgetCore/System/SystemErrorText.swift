#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// What an `errno` means, in the user's language.
///
/// The C library describes errors in English only, and Foundation wraps them in texts such
/// as `Error Domain=NSCocoaErrorDomain …` that no officer can act on. Every message about a
/// failed file operation says it with these words instead; the number stays in the message
/// for a bug report.
public enum SystemErrorText {
    /// The description of `code`, in both languages.
    public static func describe(_ code: Int32) -> Localized {
        let (vi, en): (String, String)
        switch code {
        case ENOSPC: (vi, en) = ("ổ đĩa đã đầy", "the disk is full")
        case EDQUOT: (vi, en) = ("đã hết hạn mức dung lượng", "the disk quota is used up")
        case EACCES, EPERM: (vi, en) = ("không có quyền", "permission denied")
        case EROFS: (vi, en) = ("ổ đĩa chỉ cho đọc", "the disk is read-only")
        case ENOENT: (vi, en) = ("không có tệp hay thư mục này", "no such file or folder")
        case ENOTDIR: (vi, en) = ("một phần của đường dẫn không phải thư mục", "part of the path is not a folder")
        case EISDIR: (vi, en) = ("đây là thư mục", "it is a folder")
        case EEXIST: (vi, en) = ("đã có", "it already exists")
        case ENAMETOOLONG: (vi, en) = ("tên quá dài", "the name is too long")
        case EIO: (vi, en) = ("lỗi vào/ra của ổ đĩa", "an input/output error of the disk")
        case ENOTEMPTY: (vi, en) = ("thư mục không trống", "the folder is not empty")
        case EXDEV: (vi, en) = ("không thể chuyển giữa hai ổ đĩa", "it cannot be moved across disks")
        case EMFILE, ENFILE: (vi, en) = ("mở quá nhiều tệp", "too many open files")
        case ELOOP: (vi, en) = ("quá nhiều liên kết tượng trưng", "too many symbolic links")
        case EBUSY: (vi, en) = ("đang được dùng", "it is in use")
        default:
            let text = strerror(code).map { String(cString: $0) } ?? "error"
            (vi, en) = ("lỗi hệ thống: \(text)", text)
        }
        return Localized(vi: "\(vi) (errno \(code))", en: "\(en) (errno \(code))")
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The system calls a snapshot file is read and written with, named apart from the readers' and writers' own methods.
enum POSIXFile {
    static func read(_ descriptor: Int32, _ target: UnsafeMutableRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.read(descriptor, target, count)
        #else
        Darwin.read(descriptor, target, count)
        #endif
    }

    static func write(_ descriptor: Int32, _ source: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.write(descriptor, source, count)
        #else
        Darwin.write(descriptor, source, count)
        #endif
    }

    /// The last system call's error as text.
    static var lastError: String { String(cString: strerror(errno)) }

    /// Whether the last system call was interrupted (and should be repeated).
    static var interrupted: Bool { errno == EINTR }
}

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

    /// Reads exactly `target.count` bytes, repeating interrupted and short reads; false when the file ends first.
    static func readFully(_ descriptor: Int32, into target: UnsafeMutableRawBufferPointer) throws -> Bool {
        var done = 0
        while done < target.count {
            let got = read(descriptor, target.baseAddress! + done, min(target.count - done, 1 << 26))
            if got < 0 {
                if interrupted { continue }
                throw SnapshotError.io("read failed: \(lastError)")
            }
            if got == 0 { return false }
            done += got
        }
        return true
    }

    /// Writes all of `bytes`, repeating interrupted and short writes.
    static func writeFully(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) throws {
        var done = 0
        while done < bytes.count {
            let written = write(descriptor, bytes.baseAddress! + done, min(bytes.count - done, 1 << 26))
            if written < 0 {
                if interrupted { continue }
                throw SnapshotError.io("write failed: \(lastError)")
            }
            done += written
        }
    }

    /// The last system call's error as text.
    static var lastError: String { String(cString: strerror(errno)) }

    /// Whether the last system call was interrupted (and should be repeated).
    static var interrupted: Bool { errno == EINTR }
}

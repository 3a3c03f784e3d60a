import Foundation
import GRDB
import OtklikCore

extension SQLiteDatabase {
    /// Copies the live database to `path` with SQLite's online backup API while others keep writing (readers and
    /// writers are not stopped; the copy is one consistent state). Refuses to overwrite an existing file.
    public func backup(to path: String) throws {
        guard !FileManager.default.fileExists(atPath: path) else { throw OtklikError(.conflict, "\(path) exists; give a new file", field: "to") }
        let target = try DatabaseQueue(path: path)
        try pool.backup(to: target)
        try target.close()
    }
}

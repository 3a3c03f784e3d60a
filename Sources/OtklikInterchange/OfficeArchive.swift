import Foundation
import ZIPFoundation

/// The zip package of an Office Open XML file: each part deflated under its path, with one fixed modification time
/// (2026-01-01), so the same parts always give the same bytes. Shared by ``SpreadsheetWorkbook`` and ``XLSXWorkbook``.
enum OfficeArchive {
    static let modificationDate = Date(timeIntervalSince1970: 1_767_225_600)

    /// The zip of `parts` (path, XML text), in their order.
    static func zip(parts: [(String, String)]) throws -> Data {
        let archive = try Archive(accessMode: .create)
        for (path, text) in parts {
            let bytes = Data(text.utf8)
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: modificationDate, compressionMethod: .deflate
            ) { position, size in
                bytes.subdata(in: Int(position)..<min(Int(position) + size, bytes.count))
            }
        }
        return archive.data ?? Data()
    }
}

import Foundation

/// A photo the shopper attached to a checklist item as evidence. Its type is read from its first bytes, never taken
/// from what the client declares: JPEG, PNG and WebP only.
public struct MysteryPhoto: Sendable, Equatable {
    public enum Format: String, Sendable, CaseIterable {
        case jpeg = "image/jpeg"
        case png = "image/png"
        case webp = "image/webp"
    }

    public var item: String
    public var data: Data

    public init(item: String, data: Data) {
        self.item = item
        self.data = data
    }

    /// Most bytes of one photo (the phone form sends a JPEG of at most 1600 px, far below).
    public static let maxBytes = 2 * 1024 * 1024
    /// Most photos on one item, and on one visit.
    public static let maxPerItem = 3
    public static let maxPerVisit = 12

    /// The format the bytes are in, by their signature; nil for anything else.
    public static func format(of data: Data) -> Format? {
        let bytes = [UInt8](data.prefix(12))
        if bytes.count >= 3, bytes[0] == 0xFF, bytes[1] == 0xD8, bytes[2] == 0xFF { return .jpeg }
        if bytes.count >= 8, bytes[0..<8] == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] { return .png }
        if bytes.count >= 12, bytes[0..<4] == [0x52, 0x49, 0x46, 0x46], bytes[8..<12] == [0x57, 0x45, 0x42, 0x50] { return .webp }
        return nil
    }

    public var format: Format? { Self.format(of: data) }

    /// Checks a visit's photos against its checklist: each on an item that takes photos, an image of a known format and
    /// size, and not too many. `field` names the photo as the client sent it (`photos[2]`).
    public static func validate(_ photos: [MysteryPhoto], against checklist: MysteryChecklist) throws(OtklikError) {
        guard photos.count <= maxPerVisit else {
            throw OtklikError(.payloadTooLarge, "attach at most \(maxPerVisit) photos to one visit", field: "photos")
        }
        let items = Dictionary(checklist.items.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        var perItem: [String: Int] = [:]
        for (index, photo) in photos.enumerated() {
            let field = "photos[\(index)]"
            guard let item = items[photo.item] else { throw .invalid("\(field).item", "no item '\(photo.item)' in checklist '\(checklist.code)'") }
            guard item.photo else { throw .invalid("\(field).item", "item '\(photo.item)' takes no photos") }
            guard !photo.data.isEmpty else { throw .invalid("\(field).data", "the photo is empty") }
            guard photo.data.count <= maxBytes else {
                throw OtklikError(.payloadTooLarge, "a photo is at most 2 MB (this one is \(photo.data.count / 1024) KB)", field: "\(field).data")
            }
            guard photo.format != nil else { throw .invalid("\(field).data", "a photo is a JPEG, PNG or WebP image") }
            perItem[photo.item, default: 0] += 1
            guard perItem[photo.item, default: 0] <= maxPerItem else {
                throw OtklikError(.payloadTooLarge, "attach at most \(maxPerItem) photos to one item", field: "\(field).item")
            }
        }
    }
}

/// A stored photo as a page lists it: which item, its place among the item's photos, type and size.
public struct MysteryPhotoInfo: Sendable, Equatable {
    public var item: String
    public var position: Int
    public var contentType: String
    public var bytes: Int

    public init(item: String, position: Int, contentType: String, bytes: Int) {
        self.item = item
        self.position = position
        self.contentType = contentType
        self.bytes = bytes
    }
}

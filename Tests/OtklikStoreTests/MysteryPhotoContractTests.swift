import Foundation
import OtklikCore
import OtklikStore
import Testing

/// The shoppers' photos on both engines (migration 0025): stored with the result in its transaction, read back byte for
/// byte with the type read from their bytes; a resend with the same photos is a duplicate that stores nothing more,
/// other photos a conflict; a wrong type, an oversized photo or too many leave nothing stored.
@Suite struct MysteryPhotoContractTests {
    static let monday = MysteryShoppingContractTests.monday
    static let jpeg = Data([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01] + Array(repeating: 0x42, count: 1_000))
    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 0x00, count: 64))
    static let webp = Data(Array("RIFF".utf8) + [0x10, 0, 0, 0] + Array("WEBPVP8 ".utf8) + Array(repeating: 0x01, count: 32))

    static func prepared(_ database: AppDatabase) async throws -> SQLMysteryShoppingRepository {
        try await database.reference.save(Location(code: "L1", name: "Офис"))
        let repository = SQLMysteryShoppingRepository(database: database.sql)
        try await repository.save(MysteryShoppingContractTests.checklist, now: monday)
        let week = monday.addingTimeInterval(7 * 86_400)
        _ = try await repository.plan(
            (1...6).map { MysteryVisit(id: "v\($0)", checklist: "std", location: "L1", channel: .visit, from: monday, to: week) }, now: monday)
        return repository
    }

    static func result(_ visit: String, _ photos: [MysteryPhoto]) -> MysteryResult {
        MysteryResult(visit: visit, shopper: "shopper-1", at: monday.addingTimeInterval(3_600), answers: ["greet": 1, "tidy": 3], photos: photos)
    }

    @Test(arguments: TestEngine.available)
    func photosAreStoredWithTheResultOnce(engine: TestEngine) async throws {
        try await engine.withDatabase { (database: AppDatabase) async throws in
            let repository = try await Self.prepared(database)
            let photos = [MysteryPhoto(item: "tidy", data: Self.jpeg), MysteryPhoto(item: "tidy", data: Self.png), MysteryPhoto(item: "tidy", data: Self.webp)]
            #expect(try await repository.report(Self.result("v1", photos), now: Self.monday).stored)
            #expect(try await repository.photos(visit: "v1") == [
                MysteryPhotoInfo(item: "tidy", position: 0, contentType: "image/jpeg", bytes: Self.jpeg.count),
                MysteryPhotoInfo(item: "tidy", position: 1, contentType: "image/png", bytes: Self.png.count),
                MysteryPhotoInfo(item: "tidy", position: 2, contentType: "image/webp", bytes: Self.webp.count),
            ])
            let second = try #require(try await repository.photo(visit: "v1", item: "tidy", position: 1))
            #expect(second.contentType == "image/png" && second.data == Self.png)
            #expect(try await repository.photo(visit: "v1", item: "tidy", position: 3) == nil)

            // The offline queue's resend: the same result and photos are a duplicate, nothing more is stored.
            #expect(try await !repository.report(Self.result("v1", photos), now: Self.monday).stored)
            #expect(try await repository.photos(visit: "v1").count == 3)
            // The same answers with other photos: a conflict.
            await #expect(throws: OtklikError.self) {
                _ = try await repository.report(Self.result("v1", [MysteryPhoto(item: "tidy", data: Self.png)]), now: Self.monday)
            }
            #expect(try await repository.photos(visit: "v1").count == 3)
        }
    }

    @Test(arguments: TestEngine.available)
    func badPhotosLeaveNothingStored(engine: TestEngine) async throws {
        try await engine.withDatabase { (database: AppDatabase) async throws in
            let repository = try await Self.prepared(database)
            let gif = Data(Array("GIF89a".utf8) + Array(repeating: 0, count: 20))
            let html = Data("<html><script>alert(1)</script></html>".utf8)
            let huge = Data([0xFF, 0xD8, 0xFF] + Array(repeating: 0x42, count: MysteryPhoto.maxBytes))
            let cases: [(String, [MysteryPhoto], OtklikError.Code, String)] = [
                ("v2", [MysteryPhoto(item: "tidy", data: Self.jpeg), MysteryPhoto(item: "tidy", data: gif)], .invalidInput, "photos[1].data"),
                ("v3", [MysteryPhoto(item: "tidy", data: html)], .invalidInput, "photos[0].data"),
                ("v4", [MysteryPhoto(item: "tidy", data: huge)], .payloadTooLarge, "photos[0].data"),
                ("v5", Array(repeating: MysteryPhoto(item: "tidy", data: Self.jpeg), count: MysteryPhoto.maxPerItem + 1), .payloadTooLarge, "photos[3].item"),
                ("v6", [MysteryPhoto(item: "greet", data: Self.jpeg)], .invalidInput, "photos[0].item"),
            ]
            for (visit, photos, code, field) in cases {
                do {
                    _ = try await repository.report(Self.result(visit, photos), now: Self.monday)
                    Issue.record("\(field): bad photos were accepted")
                } catch let error as OtklikError {
                    #expect(error.code == code && error.field == field, "\(error)")
                }
                #expect(try await repository.photos(visit: visit).isEmpty)
                #expect(try await repository.visits(from: nil, to: nil).first { $0.visit.id == visit }?.reported == false, "\(visit): nothing half-written")
            }
        }
    }
}

import Foundation
import OtklikCore

extension Migrations {
    /// Life situations (issue 19 item 4): the catalogue (each situation's JSON definition, ``LifeSituationDefinition``;
    /// seed 000's list inserted as the default), the detections (the customer, the situation, when, the signals that
    /// revealed it, the change-feed position of its `life_situation.detected` event) — one per customer and situation
    /// per window, by id — and labelled truth (a situation planted by the demo or confirmed by staff) that precision and
    /// recall are measured against.
    static let v41LifeSituations = Migration("0041_life_situations", [
        """
        CREATE TABLE life_situations (
            code TEXT PRIMARY KEY,
            name_ru TEXT NOT NULL,
            name_en TEXT NOT NULL,
            definition TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE life_situation_detections (
            id TEXT PRIMARY KEY,
            customer_id TEXT NOT NULL REFERENCES customers (id),
            situation_code TEXT NOT NULL,
            detected_at BIGINT NOT NULL,
            window_start BIGINT NOT NULL,
            evidence TEXT NOT NULL,
            feed_position BIGINT,
            created_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX life_situation_detections_customer ON life_situation_detections (customer_id, situation_code, detected_at)",
        "CREATE INDEX life_situation_detections_situation ON life_situation_detections (situation_code, detected_at)",
        "CREATE INDEX life_situation_detections_feed ON life_situation_detections (feed_position)",
        """
        CREATE TABLE life_situation_labels (
            id TEXT PRIMARY KEY,
            customer_id TEXT NOT NULL REFERENCES customers (id),
            situation_code TEXT NOT NULL,
            labelled_at BIGINT NOT NULL,
            source TEXT NOT NULL
        )
        """,
        "CREATE INDEX life_situation_labels_situation ON life_situation_labels (situation_code, customer_id)",
    ], code: { tx in
        let now = Int64((Date().timeIntervalSince1970 * 1000).rounded())
        for situation in LifeSituationCatalogue.defaults {
            try await tx.execute(
                "INSERT INTO life_situations (code, name_ru, name_en, definition, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                [.text(situation.code), .text(situation.nameRu), .text(situation.nameEn),
                 .text(String(decoding: LifeSituationDefinition.json(situation), as: UTF8.self)), .int(now), .int(now)])
        }
    })
}

extension Migrations {
    /// The shoppers' photos: stored with the visit's result in its transaction, per item in the order sent; the image as
    /// base64 text (one column type both engines share), its type read from its bytes, its size and SHA-256 (a resend of
    /// the same result compares the digests).
    static let v25MysteryPhotos = Migration("0025_mystery_photos", [
        """
        CREATE TABLE mystery_photos (
            visit_id TEXT NOT NULL REFERENCES mystery_results (visit_id),
            item_code TEXT NOT NULL,
            position INTEGER NOT NULL,
            content_type TEXT NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp')),
            byte_size INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            data TEXT NOT NULL,
            PRIMARY KEY (visit_id, item_code, position)
        )
        """,
    ])
}

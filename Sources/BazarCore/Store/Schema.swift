import GRDB

/// The store's schema, as versioned migrations keyed by `PRAGMA user_version`.
///
/// Documented in README.md ("The store"). Money is INTEGER rupiah, days are ISO `YYYY-MM-DD` text.
/// Ids (slugs) are compared case-insensitively (COLLATE NOCASE); joins use integer keys.
enum Schema {
    /// `PRAGMA application_id`: marks a file as a bazar store ("BAZR").
    static let applicationID: Int32 = 0x4241_5A52

    /// Migration N brings a store from user_version N-1 to N.
    static let migrations: [String] = [
        // 1: the first schema.
        """
        CREATE TABLE event (
            event_no    INTEGER PRIMARY KEY,
            id          TEXT NOT NULL UNIQUE COLLATE NOCASE,
            name        TEXT,
            program     TEXT,
            mode        TEXT NOT NULL DEFAULT 'offline' CHECK (mode IN ('online', 'offline', 'hybrid')),
            channel     TEXT,
            kota        TEXT,
            kecamatan   TEXT,
            level       TEXT CHECK (level IN ('kecamatan', 'kota', 'provinsi')),
            venue       TEXT,
            start_date  TEXT NOT NULL CHECK (start_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            end_date    TEXT NOT NULL CHECK (end_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            target      INTEGER CHECK (target >= 0),
            closed      INTEGER NOT NULL DEFAULT 0 CHECK (closed IN (0, 1)),
            CHECK (end_date >= start_date)
        );
        CREATE INDEX event_dates ON event (start_date, end_date);

        CREATE TABLE participant (
            participant_no INTEGER PRIMARY KEY,
            id          TEXT NOT NULL UNIQUE COLLATE NOCASE,
            name        TEXT,
            owner       TEXT,
            kota        TEXT,
            kecamatan   TEXT,
            kelurahan   TEXT,
            category    TEXT,
            kind        TEXT CHECK (kind IN ('ukm', 'ikm', 'umkm')),
            phone       TEXT
        );

        CREATE TABLE product (
            product_no  INTEGER PRIMARY KEY,
            participant_no INTEGER NOT NULL REFERENCES participant (participant_no),
            id          TEXT NOT NULL COLLATE NOCASE,
            name        TEXT,
            category    TEXT,
            price       INTEGER CHECK (price >= 0),
            unit        TEXT,
            UNIQUE (participant_no, id)
        );

        CREATE TABLE stall (
            stall_no    INTEGER PRIMARY KEY,
            event_no    INTEGER NOT NULL REFERENCES event (event_no),
            participant_no INTEGER NOT NULL REFERENCES participant (participant_no),
            UNIQUE (event_no, participant_no)
        );
        CREATE INDEX stall_participant ON stall (participant_no);

        CREATE TABLE listing (
            stall_no    INTEGER NOT NULL REFERENCES stall (stall_no),
            product_no  INTEGER NOT NULL REFERENCES product (product_no),
            PRIMARY KEY (stall_no, product_no)
        ) WITHOUT ROWID;
        CREATE INDEX listing_product ON listing (product_no);

        CREATE TABLE sale (
            id          INTEGER PRIMARY KEY,
            event_no    INTEGER NOT NULL REFERENCES event (event_no),
            stall_no    INTEGER NOT NULL REFERENCES stall (stall_no),
            product_no  INTEGER REFERENCES product (product_no),
            day         TEXT NOT NULL,
            qty         INTEGER NOT NULL CHECK (qty >= 1),
            amount      INTEGER NOT NULL CHECK (amount >= 0),
            channel     TEXT NOT NULL CHECK (channel IN ('online', 'offline')),
            buyer       TEXT,
            ref         TEXT,
            note        TEXT,
            void        INTEGER NOT NULL DEFAULT 0 CHECK (void IN (0, 1)),
            void_reason TEXT
        );
        -- Reports scan sales by day range; this index covers their columns so the table is not read.
        CREATE INDEX sale_day ON sale (day, event_no, stall_no, product_no, qty, amount, channel, void);
        -- A stall's sales by product and channel: report filters by channel look sales up here without the table.
        CREATE INDEX sale_stall ON sale (stall_no, product_no, void, channel);
        -- Most sales have no order number: a partial index holds only those that do (unique when given).
        CREATE UNIQUE INDEX sale_ref ON sale (ref) WHERE ref IS NOT NULL;
        -- No index on sale (product_no) alone: reports reach products through sale_day and sale_stall,
        -- and each index costs every one of a million inserts.

        CREATE TABLE change_log (
            seq         INTEGER PRIMARY KEY,
            at          TEXT NOT NULL,
            who         TEXT NOT NULL,
            command     TEXT NOT NULL
        );

        -- One readable row per sale, for spreadsheets and BI tools.
        CREATE VIEW sales AS
        SELECT s.id AS sale, e.id AS event, s.day AS date, p.id AS participant, pr.id AS product,
               pr.name AS product_name, s.qty, s.amount, s.channel, s.buyer, s.ref, s.note, s.void,
               e.program, e.mode, p.kota, p.kecamatan, COALESCE(pr.category, p.category) AS category
        FROM sale s
        JOIN event e ON e.event_no = s.event_no
        JOIN stall st ON st.stall_no = s.stall_no
        JOIN participant p ON p.participant_no = st.participant_no
        LEFT JOIN product pr ON pr.product_no = s.product_no;
        """,
        // 2: sales are no longer indexed by stall: that index cost a quarter of every sale's insert. What
        // reports asked it (did this listing sell, and on which channel) is kept on the listing and the stall
        // instead, set when a sale is added or voided; lists of an event's sales go through its days in sale_day.
        // listing_product goes too: nothing reads listings by product, and each new listing wrote a random page of it.
        """
        ALTER TABLE listing ADD COLUMN channels INTEGER NOT NULL DEFAULT 0 CHECK (channels BETWEEN 0 AND 3);
        ALTER TABLE stall ADD COLUMN whole_channels INTEGER NOT NULL DEFAULT 0 CHECK (whole_channels BETWEEN 0 AND 3);
        UPDATE listing SET channels = (
            SELECT coalesce(max(s.channel = 'online'), 0) | (coalesce(max(s.channel = 'offline'), 0) << 1)
            FROM sale s WHERE s.stall_no = listing.stall_no AND s.product_no = listing.product_no AND s.void = 0);
        UPDATE stall SET whole_channels = (
            SELECT coalesce(max(s.channel = 'online'), 0) | (coalesce(max(s.channel = 'offline'), 0) << 1)
            FROM sale s WHERE s.stall_no = stall.stall_no AND s.product_no IS NULL AND s.void = 0);
        DROP INDEX sale_stall;
        DROP INDEX listing_product;
        """,
        // 3: sale numbers are never reused. SQLite gives a new row the highest number plus one, so after `undo` took
        // back sale #20 the next sale was #20 again, and a number on a receipt meant two sales. `sale_number` keeps
        // the highest number ever taken away (by `undo`, or by hand in an SQLite tool), and a sale is numbered past
        // both (`Records.nextSaleNumber`, once per transaction). AUTOINCREMENT would do the same, but it reads and
        // writes sqlite_sequence on every insert (about a tenth of loading a large script) and needs the table rebuilt;
        // a delete is rare, an insert is the hot path. The `sales` view gains `void_reason`.
        """
        CREATE TABLE IF NOT EXISTS sale_number (
            one         INTEGER PRIMARY KEY CHECK (one = 1),
            highest     INTEGER NOT NULL
        );
        CREATE TRIGGER IF NOT EXISTS sale_number_kept AFTER DELETE ON sale
        WHEN old.id > coalesce((SELECT highest FROM sale_number), 0) BEGIN
            INSERT OR REPLACE INTO sale_number (one, highest) VALUES (1, old.id);
        END;
        DROP VIEW IF EXISTS sales;
        CREATE VIEW sales AS
        SELECT s.id AS sale, e.id AS event, s.day AS date, p.id AS participant, pr.id AS product,
               pr.name AS product_name, s.qty, s.amount, s.channel, s.buyer, s.ref, s.note, s.void, s.void_reason,
               e.program, e.mode, p.kota, p.kecamatan, COALESCE(pr.category, p.category) AS category
        FROM sale s
        JOIN event e ON e.event_no = s.event_no
        JOIN stall st ON st.stall_no = s.stall_no
        JOIN participant p ON p.participant_no = st.participant_no
        LEFT JOIN product pr ON pr.product_no = s.product_no;
        """,
        // 4: `import orders` (SPEC section 8). A ref (order or invoice number) is unique per product, not per store:
        // one invoice holds several products. A sale of a whole stall has no product: its ref is unique per stall
        // (checked by `add sale`; NULLs never collide in a UNIQUE index). `sku_map` says which product a
        // marketplace SKU or product name is (`map sku TEXT to PARTICIPANT/PRODUCT`).
        """
        DROP INDEX sale_ref;
        CREATE UNIQUE INDEX sale_ref ON sale (ref, product_no) WHERE ref IS NOT NULL;
        CREATE TABLE sku_map (
            text        TEXT PRIMARY KEY COLLATE NOCASE,
            product_no  INTEGER NOT NULL REFERENCES product (product_no)
        );
        """,
    ]

    static var version: Int { migrations.count }

    /// Makes a new store's schema inside the transaction of the first change (a rollback takes it back).
    static func create(_ db: Database) throws {
        for sql in migrations { try db.execute(sql: sql) }
        try db.execute(sql: "PRAGMA user_version = \(version)")
        try db.execute(sql: "PRAGMA application_id = \(applicationID)")
    }

    /// Brings the schema up to date in one transaction.
    static func migrate(_ db: Database) throws {
        let current = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        guard current < version else { return }
        try db.inTransaction(.immediate) {
            for n in current..<version where !migrations[n].isEmpty {
                try db.execute(sql: migrations[n])
            }
            try db.execute(sql: "PRAGMA user_version = \(version)")
            try db.execute(sql: "PRAGMA application_id = \(applicationID)")
            return .commit
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Socializer.Core.Data.Migrations
{
    /// <summary>
    /// Full-text search over message content with SQLite FTS5, kept in step with Messages by triggers, so
    /// search is an index lookup rather than a table scan. An external-content table: the text is stored once.
    /// </summary>
    public partial class MessageSearchIndex : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE MessagesFts USING fts5(Content, content='Messages', content_rowid='Id', tokenize='unicode61 remove_diacritics 2');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER Messages_ai AFTER INSERT ON Messages BEGIN
                    INSERT INTO MessagesFts(rowid, Content) VALUES (new.Id, new.Content);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER Messages_ad AFTER DELETE ON Messages BEGIN
                    INSERT INTO MessagesFts(MessagesFts, rowid, Content) VALUES ('delete', old.Id, old.Content);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER Messages_au AFTER UPDATE OF Content ON Messages BEGIN
                    INSERT INTO MessagesFts(MessagesFts, rowid, Content) VALUES ('delete', old.Id, old.Content);
                    INSERT INTO MessagesFts(rowid, Content) VALUES (new.Id, new.Content);
                END;
                """);
            migrationBuilder.Sql("INSERT INTO MessagesFts(MessagesFts) VALUES ('rebuild');");
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Messages_au;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Messages_ad;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Messages_ai;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS MessagesFts;");
        }
    }
}

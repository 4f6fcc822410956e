using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Socializer.Data.Postgres.Migrations
{
    /// <summary>
    /// Full-text search over message content with PostgreSQL's own text search (the SQLite schema uses FTS5): a stored
    /// generated tsvector column, which the database keeps in step with Content, and a GIN index over it. The column is
    /// not in the EF model (entities stay provider-neutral); only MessageService's search query reads it. The 'simple'
    /// configuration lower-cases without stemming, like FTS5's unicode61 tokenizer.
    /// </summary>
    public partial class MessageSearchVector : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE "Messages" ADD COLUMN "SearchVector" tsvector
                    GENERATED ALWAYS AS (to_tsvector('simple', "Content")) STORED;
                """);
            migrationBuilder.Sql("""CREATE INDEX "IX_Messages_SearchVector" ON "Messages" USING GIN ("SearchVector");""");
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Messages_SearchVector";""");
            migrationBuilder.Sql("""ALTER TABLE "Messages" DROP COLUMN IF EXISTS "SearchVector";""");
        }
    }
}

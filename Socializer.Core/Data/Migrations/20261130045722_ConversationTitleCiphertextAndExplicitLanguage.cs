using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Socializer.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class ConversationTitleCiphertextAndExplicitLanguage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "PreferredLanguageIsExplicit",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PreferredLanguageIsExplicit",
                table: "AspNetUsers");
        }
    }
}

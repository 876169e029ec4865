-- A re-auth request keeps its history when its profile is removed (by an import, or deleting the profile).
-- The foreign key set BOTH of its columns to NULL on delete, and "teamId" is NOT NULL, so removing any
-- profile that ever had a request failed. Only "authProfileId" is cleared now (PostgreSQL 15 or later).
ALTER TABLE "ReauthRequest" DROP CONSTRAINT "ReauthRequest_authProfileId_teamId_fkey";
ALTER TABLE "ReauthRequest" ADD CONSTRAINT "ReauthRequest_authProfileId_teamId_fkey"
  FOREIGN KEY ("authProfileId", "teamId") REFERENCES "AuthProfile"("id", "teamId")
  ON DELETE SET NULL ("authProfileId") ON UPDATE CASCADE;

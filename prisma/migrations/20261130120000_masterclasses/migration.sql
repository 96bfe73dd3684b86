-- CreateTable
CREATE TABLE "Masterclass" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "communityId" TEXT,
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME NOT NULL,
    "location" TEXT,
    "onlineUrl" TEXT,
    "capacity" INTEGER NOT NULL,
    "registrationOpensAt" DATETIME,
    "registrationClosesAt" DATETIME,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "sequence" INTEGER NOT NULL DEFAULT 0,
    "confirmedCount" INTEGER NOT NULL DEFAULT 0,
    "registrationSeq" INTEGER NOT NULL DEFAULT 0,
    "notesDocumentId" TEXT,
    "createdById" TEXT,
    "publishedAt" DATETIME,
    "cancelledAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Masterclass_communityId_fkey" FOREIGN KEY ("communityId") REFERENCES "Community" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Masterclass_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Masterclass_notesDocumentId_fkey" FOREIGN KEY ("notesDocumentId") REFERENCES "Document" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MasterclassTheme" (
    "masterclassId" TEXT NOT NULL,
    "themeId" TEXT NOT NULL,

    PRIMARY KEY ("masterclassId", "themeId"),
    CONSTRAINT "MasterclassTheme_masterclassId_fkey" FOREIGN KEY ("masterclassId") REFERENCES "Masterclass" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "MasterclassTheme_themeId_fkey" FOREIGN KEY ("themeId") REFERENCES "Theme" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MasterclassTargetPhase" (
    "masterclassId" TEXT NOT NULL,
    "phaseId" TEXT NOT NULL,

    PRIMARY KEY ("masterclassId", "phaseId"),
    CONSTRAINT "MasterclassTargetPhase_masterclassId_fkey" FOREIGN KEY ("masterclassId") REFERENCES "Masterclass" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "MasterclassTargetPhase_phaseId_fkey" FOREIGN KEY ("phaseId") REFERENCES "TransitionPhase" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MasterclassTargetPosition" (
    "masterclassId" TEXT NOT NULL,
    "positionId" TEXT NOT NULL,

    PRIMARY KEY ("masterclassId", "positionId"),
    CONSTRAINT "MasterclassTargetPosition_masterclassId_fkey" FOREIGN KEY ("masterclassId") REFERENCES "Masterclass" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "MasterclassTargetPosition_positionId_fkey" FOREIGN KEY ("positionId") REFERENCES "Position" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MasterclassFacilitator" (
    "masterclassId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "addedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("masterclassId", "userId"),
    CONSTRAINT "MasterclassFacilitator_masterclassId_fkey" FOREIGN KEY ("masterclassId") REFERENCES "Masterclass" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "MasterclassFacilitator_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Registration" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "masterclassId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "queueNumber" INTEGER NOT NULL,
    "attended" BOOLEAN,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "registeredAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "cancelledAt" DATETIME,
    "promotedAt" DATETIME,
    "remindedAt" DATETIME,
    "addedById" TEXT,
    CONSTRAINT "Registration_masterclassId_fkey" FOREIGN KEY ("masterclassId") REFERENCES "Masterclass" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Registration_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Registration_addedById_fkey" FOREIGN KEY ("addedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MasterclassFeedback" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "masterclassId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "rating" INTEGER NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "MasterclassFeedback_masterclassId_fkey" FOREIGN KEY ("masterclassId") REFERENCES "Masterclass" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "MasterclassFeedback_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CalendarFeed" (
    "userId" TEXT NOT NULL PRIMARY KEY,
    "tokenHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CalendarFeed_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Document" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL,
    "communityId" TEXT,
    "masterclassId" TEXT,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastEditedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastEditedById" TEXT,
    "archivedAt" DATETIME,
    "snapshot" BLOB,
    "snapshotUpdateId" INTEGER,
    CONSTRAINT "Document_communityId_fkey" FOREIGN KEY ("communityId") REFERENCES "Community" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Document_masterclassId_fkey" FOREIGN KEY ("masterclassId") REFERENCES "Masterclass" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Document_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Document_lastEditedById_fkey" FOREIGN KEY ("lastEditedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Document" ("archivedAt", "communityId", "createdAt", "createdById", "id", "lastEditedAt", "lastEditedById", "snapshot", "snapshotUpdateId", "title") SELECT "archivedAt", "communityId", "createdAt", "createdById", "id", "lastEditedAt", "lastEditedById", "snapshot", "snapshotUpdateId", "title" FROM "Document";
DROP TABLE "Document";
ALTER TABLE "new_Document" RENAME TO "Document";
CREATE INDEX "Document_communityId_archivedAt_lastEditedAt_idx" ON "Document"("communityId", "archivedAt", "lastEditedAt");
CREATE INDEX "Document_masterclassId_archivedAt_lastEditedAt_idx" ON "Document"("masterclassId", "archivedAt", "lastEditedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "Masterclass_notesDocumentId_key" ON "Masterclass"("notesDocumentId");

-- CreateIndex
CREATE INDEX "Masterclass_status_startsAt_idx" ON "Masterclass"("status", "startsAt");

-- CreateIndex
CREATE INDEX "Masterclass_communityId_startsAt_idx" ON "Masterclass"("communityId", "startsAt");

-- CreateIndex
CREATE INDEX "MasterclassTheme_themeId_idx" ON "MasterclassTheme"("themeId");

-- CreateIndex
CREATE INDEX "MasterclassTargetPhase_phaseId_idx" ON "MasterclassTargetPhase"("phaseId");

-- CreateIndex
CREATE INDEX "MasterclassTargetPosition_positionId_idx" ON "MasterclassTargetPosition"("positionId");

-- CreateIndex
CREATE INDEX "MasterclassFacilitator_userId_idx" ON "MasterclassFacilitator"("userId");

-- CreateIndex
CREATE INDEX "Registration_masterclassId_status_queueNumber_idx" ON "Registration"("masterclassId", "status", "queueNumber");

-- CreateIndex
CREATE INDEX "Registration_userId_status_idx" ON "Registration"("userId", "status");

-- CreateIndex
CREATE INDEX "Registration_status_remindedAt_idx" ON "Registration"("status", "remindedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Registration_masterclassId_userId_key" ON "Registration"("masterclassId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "MasterclassFeedback_masterclassId_userId_key" ON "MasterclassFeedback"("masterclassId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "CalendarFeed_tokenHash_key" ON "CalendarFeed"("tokenHash");


-- CreateTable
CREATE TABLE "MatchingWeights" (
    "id" TEXT NOT NULL PRIMARY KEY DEFAULT 'current',
    "position" INTEGER NOT NULL DEFAULT 40,
    "samePhase" INTEGER NOT NULL DEFAULT 30,
    "phaseAhead" INTEGER NOT NULL DEFAULT 25,
    "sharedTheme" INTEGER NOT NULL DEFAULT 10,
    "region" INTEGER NOT NULL DEFAULT 10,
    "updatedAt" DATETIME NOT NULL,
    "updatedById" TEXT
);

-- CreateTable
CREATE TABLE "Introduction" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "requesterId" TEXT NOT NULL,
    "recipientId" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" DATETIME,
    CONSTRAINT "Introduction_requesterId_fkey" FOREIGN KEY ("requesterId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Introduction_recipientId_fkey" FOREIGN KEY ("recipientId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PeerMatch" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userAId" TEXT NOT NULL,
    "userBId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "introductionId" TEXT,
    "peerGroupId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "PeerGrouping" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "communityId" TEXT,
    "masterclassId" TEXT,
    "rule" TEXT NOT NULL,
    "minSize" INTEGER NOT NULL,
    "maxSize" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "publishedAt" DATETIME,
    CONSTRAINT "PeerGrouping_communityId_fkey" FOREIGN KEY ("communityId") REFERENCES "Community" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PeerGrouping_masterclassId_fkey" FOREIGN KEY ("masterclassId") REFERENCES "Masterclass" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PeerGrouping_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PeerGroup" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "groupingId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "documentId" TEXT,
    CONSTRAINT "PeerGroup_groupingId_fkey" FOREIGN KEY ("groupingId") REFERENCES "PeerGrouping" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PeerGroup_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PeerGroupMember" (
    "groupId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "phaseIdAtPublish" TEXT,

    PRIMARY KEY ("groupId", "userId"),
    CONSTRAINT "PeerGroupMember_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "PeerGroup" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PeerGroupMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Document" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL,
    "communityId" TEXT,
    "masterclassId" TEXT,
    "peerGroupId" TEXT,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastEditedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastEditedById" TEXT,
    "archivedAt" DATETIME,
    "snapshot" BLOB,
    "snapshotUpdateId" INTEGER,
    CONSTRAINT "Document_communityId_fkey" FOREIGN KEY ("communityId") REFERENCES "Community" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Document_masterclassId_fkey" FOREIGN KEY ("masterclassId") REFERENCES "Masterclass" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Document_peerGroupId_fkey" FOREIGN KEY ("peerGroupId") REFERENCES "PeerGroup" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Document_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Document_lastEditedById_fkey" FOREIGN KEY ("lastEditedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Document" ("archivedAt", "communityId", "createdAt", "createdById", "id", "lastEditedAt", "lastEditedById", "masterclassId", "snapshot", "snapshotUpdateId", "title") SELECT "archivedAt", "communityId", "createdAt", "createdById", "id", "lastEditedAt", "lastEditedById", "masterclassId", "snapshot", "snapshotUpdateId", "title" FROM "Document";
DROP TABLE "Document";
ALTER TABLE "new_Document" RENAME TO "Document";
CREATE INDEX "Document_communityId_archivedAt_lastEditedAt_idx" ON "Document"("communityId", "archivedAt", "lastEditedAt");
CREATE INDEX "Document_masterclassId_archivedAt_lastEditedAt_idx" ON "Document"("masterclassId", "archivedAt", "lastEditedAt");
CREATE INDEX "Document_peerGroupId_archivedAt_lastEditedAt_idx" ON "Document"("peerGroupId", "archivedAt", "lastEditedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Introduction_recipientId_status_createdAt_idx" ON "Introduction"("recipientId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "Introduction_requesterId_status_createdAt_idx" ON "Introduction"("requesterId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "PeerMatch_userAId_userBId_idx" ON "PeerMatch"("userAId", "userBId");

-- CreateIndex
CREATE INDEX "PeerMatch_userBId_idx" ON "PeerMatch"("userBId");

-- CreateIndex
CREATE INDEX "PeerGrouping_communityId_status_createdAt_idx" ON "PeerGrouping"("communityId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "PeerGrouping_masterclassId_status_createdAt_idx" ON "PeerGrouping"("masterclassId", "status", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "PeerGroup_documentId_key" ON "PeerGroup"("documentId");

-- CreateIndex
CREATE UNIQUE INDEX "PeerGroup_groupingId_number_key" ON "PeerGroup"("groupingId", "number");

-- CreateIndex
CREATE INDEX "PeerGroupMember_userId_idx" ON "PeerGroupMember"("userId");


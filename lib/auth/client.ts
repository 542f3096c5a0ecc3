"use client";
// better-auth's browser client, same origin as the page.
import { createAuthClient } from "better-auth/react";

export const authClient = createAuthClient();

/** A Spring MVC application used by the agent's integration tests. */
package com.example.web;
